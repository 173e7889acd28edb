package org.vitalgate.transport.ble;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bluez.Agent1;
import org.bluez.Error;
import org.freedesktop.dbus.DBusCallInfo;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our {@code org.bluez.Agent1}. Inside an open {@link ProvisioningWindow}: Just Works and numeric comparison are
 * accepted (a headless hub cannot compare; the technician opening the window is the consent), a passkey is taken
 * from the {@link PasskeyProvider} (none → {@code org.bluez.Error.Canceled}). Outside the window every request is
 * answered {@code org.bluez.Error.Rejected}. Called on dbus-java method-call threads; thread-safe.
 */
final class PairingAgent implements Agent1 {
    private static final Logger LOG = LoggerFactory.getLogger(PairingAgent.class);
    private final String path;
    private final ProvisioningWindow window;
    private final PasskeyProvider passkeys;
    private final Function<String, String> addressOfPath;
    private final Supplier<String> bluezOwner;
    /** Why the agent last refused a request for an address: BlueZ reports every agent error as a bare failure. */
    private final RecentRefusals refusals = new RecentRefusals(64);

    /**
     * @param bluezOwner current unique bus name of {@code org.bluez} (null when absent): only bluetoothd may call
     *                   the agent; anyone else on the bus is rejected, so a passkey is never handed to a stranger
     */
    PairingAgent(String path, ProvisioningWindow window, PasskeyProvider passkeys,
                 Function<String, String> addressOfPath, Supplier<String> bluezOwner) {
        this.path = Objects.requireNonNull(path);
        this.window = Objects.requireNonNull(window);
        this.passkeys = Objects.requireNonNull(passkeys);
        this.addressOfPath = Objects.requireNonNull(addressOfPath);
        this.bluezOwner = Objects.requireNonNull(bluezOwner);
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    private String requireWindow(String request, DBusPath device) {
        String address = addressOfPath.apply(device.getPath());
        DBusCallInfo call = AbstractConnectionBase.getCallInfo();
        String caller = call == null ? null : call.getSource();
        if (caller == null || !caller.equals(bluezOwner.get())) {
            LOG.warn("rejected {} for {} from {}: not bluetoothd", request, address, caller);
            throw new Error.Rejected("only bluetoothd may use this agent");
        }
        if (!window.isOpen()) {
            LOG.warn("rejected {} from {}: provisioning window closed", request, address);
            refusals.put(address, request + " rejected: provisioning window closed");
            throw new Error.Rejected("provisioning window closed");
        }
        return address;
    }

    /** The reason of the agent's last refusal for {@code address}, removed as it is read. */
    java.util.Optional<String> takeRefusal(String address) {
        return refusals.take(address);
    }

    @Override
    public void Release() {
        LOG.info("BlueZ released the pairing agent");
    }

    @Override
    public String RequestPinCode(DBusPath device) {
        String address = requireWindow("RequestPinCode", device);
        OptionalInt pin = passkeys.passkeyFor(address);
        if (pin.isEmpty()) {
            refusals.put(address, "no PIN supplied");
            throw new Error.Canceled("no PIN supplied for " + address);
        }
        return Integer.toString(pin.getAsInt());
    }

    @Override
    public void DisplayPinCode(DBusPath device, String pincode) {
        String address = requireWindow("DisplayPinCode", device);
        LOG.info("enter PIN {} on device {}", pincode, address);
    }

    @Override
    public UInt32 RequestPasskey(DBusPath device) {
        String address = requireWindow("RequestPasskey", device);
        OptionalInt key = passkeys.passkeyFor(address);
        if (key.isEmpty() || key.getAsInt() < 0 || key.getAsInt() > 999_999) {
            LOG.warn("no valid passkey supplied for {}: pairing cancelled", address);
            refusals.put(address, "no passkey supplied");
            throw new Error.Canceled("no passkey supplied for " + address);
        }
        LOG.info("passkey supplied for {}", address);
        return new UInt32(key.getAsInt());
    }

    @Override
    public void DisplayPasskey(DBusPath device, UInt32 passkey, UInt16 entered) {
        String address = addressOfPath.apply(device.getPath());
        LOG.info("enter passkey {} on device {} ({} digits typed)", passkey, address, entered);
    }

    @Override
    public void RequestConfirmation(DBusPath device, UInt32 passkey) {
        String address = requireWindow("RequestConfirmation", device);
        LOG.info("confirmed pairing with {} (passkey {}) inside the provisioning window", address, passkey);
    }

    @Override
    public void RequestAuthorization(DBusPath device) {
        String address = requireWindow("RequestAuthorization", device);
        LOG.info("authorized Just Works pairing with {} inside the provisioning window", address);
    }

    @Override
    public void AuthorizeService(DBusPath device, String uuid) {
        requireWindow("AuthorizeService " + uuid, device);
    }

    @Override
    public void Cancel() {
        LOG.info("BlueZ cancelled the pending agent request");
    }
}
