package org.vitalgate.uplink.payload;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.Transport;

/**
 * The deterministic identifiers of the {@code fhir-r4} payload: entry {@code fullUrl}s (name-based UUIDs, version
 * 5) and the PHD IG's conditional-create Observation identifier
 * {@code device-patient-type-timestamp}, built only from what the reading's {@code dedupKey} is built from (device
 * address, device time stamp or, without one, hub receive time) plus the enrollment key, so a device re-sending
 * the same stored measurement yields the same identifiers. Thread-safe.
 */
final class FhirIds {
    /** Namespace of vitalgate's name-based UUIDs (itself a random UUID, fixed forever). */
    private static final UUID NAMESPACE = UUID.fromString("6b0e3f1c-2a0d-4a55-9a47-7d9a8f3c1e52");
    private static final Pattern EUI48 = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");
    /** The IG counts device seconds from 2000-01-01T00:00 ("Generating the PHD reported timestamp"). */
    private static final LocalDateTime EPOCH_2000 = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final Instant EPOCH_2000_UTC = Instant.parse("2000-01-01T00:00:00Z");

    private FhirIds() {
    }

    /** {@code urn:uuid:} of the name-based UUID (v5) of {@code name}. */
    static String urn(String name) {
        byte[] hash = sha1(name);
        hash[6] = (byte) ((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3F) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return "urn:uuid:" + new UUID(b.getLong(), b.getLong());
    }

    /** Whether the device is reached over Bluetooth with an EUI-48 address (the IG's BTMAC identifier). */
    static boolean hasBluetoothAddress(DeviceIdentity d) {
        return d.transport() == Transport.BLE && EUI48.matcher(d.address()).matches();
    }

    /** The IG's BTMAC identifier value: {@code 00-1C-05-FF-E8-74}. */
    static String bluetoothAddress(DeviceIdentity d) {
        return d.address().toUpperCase(Locale.ROOT).replace(':', '-');
    }

    /**
     * The device part of the conditional-create identifier: the 12 hex digits of a Bluetooth address, capitals,
     * no dashes; a device without one (serial, simulated) has no EUI-48/EUI-64 system id, so 16 hex digits of
     * SHA-256 over its transport and address stand in (the width of an EUI-64).
     */
    static String deviceHex(DeviceIdentity d) {
        if (hasBluetoothAddress(d)) {
            return bluetoothAddress(d).replace("-", "");
        }
        String name = d.transport().wire() + "|" + d.address();
        return HexFormat.of().withUpperCase().formatHex(sha256(name), 0, 8);
    }

    /**
     * The time stamp part: the device's own time stamp as seconds since 2000-01-01T00:00 of its clock (the IG's
     * encoding; GATT time stamps have one-second resolution), or, when the device gave none, the hub receive time
     * as seconds since 2000-01-01T00:00Z with milliseconds (as in the dedupKey, which uses the receive instant).
     */
    static String timestampPart(TimeChain t) {
        if (t.deviceTime().isPresent()) {
            Duration d = Duration.between(EPOCH_2000, t.deviceTime().get());
            return seconds(d);
        }
        Duration d = Duration.between(EPOCH_2000_UTC, t.receivedAt());
        return BigDecimal.valueOf(d.toMillis(), 3).toPlainString();
    }

    /** The IG's conditional-create identifier value {@code device-patient-type-timestamp}. */
    static String observationIdentifier(DeviceIdentity device, String patientKey, String patientSystem, String mdc,
                                        TimeChain time) {
        return deviceHex(device) + "-" + patientKey + "-" + patientSystem + "-" + mdc + "-" + timestampPart(time);
    }

    /** A FHIR search parameter value {@code system|value}, percent-encoded for a query string. */
    static String token(String system, String value) {
        return query(system) + "|" + query(value);
    }

    private static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String seconds(Duration d) {
        if (d.getNano() == 0) {
            return Long.toString(d.getSeconds());
        }
        return BigDecimal.valueOf(d.toMillis(), 3).toPlainString();
    }

    private static byte[] sha1(String s) {
        return digest("SHA-1", NAMESPACE.toString() + "|" + s);
    }

    private static byte[] sha256(String s) {
        return digest("SHA-256", s);
    }

    private static byte[] digest(String algorithm, String s) {
        try {
            return MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(algorithm + " is mandatory in every JRE", e);
        }
    }
}
