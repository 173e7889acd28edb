package org.vitalgate.reading;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Derives the deterministic de-duplication key of a reading: a device that re-sends the same stored
 * measurement (same device, user slot, measurement types, device time stamp and record number) yields the
 * same key, so the hub stores it once and the backend can match it.
 *
 * <p>The device is identified by transport and address only. What the device says about itself (serial number,
 * firmware) is read over the air at some point of a connection, maybe after the data: a key that depended on it
 * would differ between two uploads of the same stored measurement.
 *
 * <p>The key is {@code "d1-"} followed by the first 128 bits of a SHA-256 over the canonical fields, in hex.
 * Readings without a device time stamp are keyed by their hub receive instant: such devices do not re-send
 * memory, and two distinct measurements must never collapse into one.
 */
public final class DedupKey {
    private DedupKey() {
    }

    public static String of(DeviceIdentity device, OptionalInt userSlot, Collection<MeasurementType> types,
                            TimeChain time, OptionalLong recordNumber) {
        Objects.requireNonNull(device, "device");
        String when = time.deviceTime().map(LocalDateTime::toString)
                .orElseGet(() -> "rx:" + time.receivedAt().toEpochMilli());
        String canonical = String.join("|",
                device.transport().wire(),
                device.address().toUpperCase(java.util.Locale.ROOT),
                userSlot.isPresent() ? Integer.toString(userSlot.getAsInt()) : "",
                types.stream().map(Enum::name).sorted().distinct().collect(Collectors.joining("+")),
                when,
                recordNumber.isPresent() ? Long.toString(recordNumber.getAsLong()) : "");
        return "d1-" + HexFormat.of().formatHex(sha256(canonical), 0, 16);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is mandatory in every JRE", e);
        }
    }
}
