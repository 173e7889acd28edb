package org.vitalgate.transport.sim.bluez;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vitalgate.transport.ble.GattUuid;

/**
 * Firmware of a standard Glucose Service meter with a working Record Access Control Point: "report stored
 * records" (all, ≥ sequence number, first, last), "report number of stored records", abort. Measurements (and
 * contexts) are notified on 0x2A18/0x2A34, then the RACP response code is indicated. A RACP write without
 * indications enabled fails (ATT 0x81). New records are added with {@link #add}. Thread-safe.
 */
public final class RacpGlucoseMeter implements SimBehaviour {
    private static final String RACP = GattUuid.of16(0x2A52);

    /** A stored record: its sequence number, measurement bytes and optional context bytes (null = none). */
    public record GlucoseRecord(int sequence, byte[] measurement, byte[] context) {
    }

    private final List<GlucoseRecord> records;

    public RacpGlucoseMeter(List<GlucoseRecord> records) {
        this.records = new CopyOnWriteArrayList<>(records);
    }

    /** The meter took a measurement. */
    public void add(GlucoseRecord record) {
        records.add(record);
    }

    @Override
    public void onWrite(DeviceSide device, String uuid, byte[] v) {
        if (!uuid.equals(RACP)) {
            return;
        }
        if (!device.isNotifying(RACP)) {
            throw FakeBluez.error("org.bluez.Error.Failed", "Operation failed with ATT error: 0x81");
        }
        if (v.length < 2) {
            device.later(5, () -> device.notify(RACP, new byte[] {0x06, 0x00, v.length > 0 ? v[0] : 0, 0x05}));
            return;
        }
        int op = v[0] & 0xFF;
        int operator = v[1] & 0xFF;
        List<GlucoseRecord> selected = new ArrayList<>();
        byte code = 0x01;
        switch (operator) {
            case 0x01 -> selected.addAll(records);
            case 0x03 -> {
                if (v.length != 5 || v[2] != 0x01) {
                    code = 0x09; // operand not supported
                } else {
                    int min = (v[3] & 0xFF) | (v[4] & 0xFF) << 8;
                    records.stream().filter(r -> r.sequence() >= min).forEach(selected::add);
                }
            }
            case 0x05 -> records.stream().findFirst().ifPresent(selected::add);
            case 0x06 -> {
                if (!records.isEmpty()) {
                    selected.add(records.get(records.size() - 1));
                }
            }
            case 0x00 -> code = (byte) (op == 0x03 ? 0x01 : 0x03);
            default -> code = 0x04;
        }
        byte result = code;
        if (op == 0x04 && result == 0x01) {
            int n = selected.size();
            device.later(5, () -> device.notify(RACP, new byte[] {0x05, 0x00, (byte) n, (byte) (n >> 8)}));
            return;
        }
        if (op != 0x01 && op != 0x03) {
            device.later(5, () -> device.notify(RACP, new byte[] {0x06, 0x00, (byte) op, 0x02}));
            return;
        }
        device.later(5, () -> {
            for (GlucoseRecord r : selected) {
                device.notify("2A18", r.measurement());
                if (r.context() != null) {
                    device.notify("2A34", r.context());
                }
            }
            byte finalCode = result == 0x01 && selected.isEmpty() && op == 0x01 ? 0x06 : result;
            device.notify(RACP, new byte[] {0x06, 0x00, (byte) op, finalCode});
        });
    }
}
