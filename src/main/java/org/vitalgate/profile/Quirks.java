package org.vitalgate.profile;

import java.util.List;
import org.vitalgate.codec.TrailingOctets;

/**
 * Typed device quirks (device-protocols.md Part B). All flags default to false; a profile names only those that
 * apply.
 *
 * @param deviceTimeIsUtc             the device clock runs on UTC, not local wall-clock time
 * @param disconnectsAfterUpload      the device drops the link itself after sending its stored readings
 * @param needsTimeBeforeData         the clock must be written before notifications are enabled (A&D)
 * @param sendsOnlyUnsentRecords      the device sends each stored reading once, then forgets it was pending
 * @param bondOnDiscovery             create the bond as soon as the device is seen (Contour)
 * @param doNotOverwriteClock         do not set the clock blindly (Omron)
 * @param sequenceStartsAtZero        RACP sequence numbers start at 0
 * @param repeatsRecords              the device may notify the same record twice in a row
 * @param reversedSequenceNumbers     sequence 0 is the newest record (TaiDoc)
 * @param singleBondedHost            only one host can be bonded at a time
 * @param trailingOctets              what to do with a value longer than its flags announce (the one quirk that is
 *                                    not a flag: {@code trailingOctets: reject | ignore}, default reject)
 */
public record Quirks(boolean deviceTimeIsUtc, boolean disconnectsAfterUpload, boolean needsTimeBeforeData,
                     boolean sendsOnlyUnsentRecords, boolean bondOnDiscovery, boolean doNotOverwriteClock,
                     boolean sequenceStartsAtZero, boolean repeatsRecords, boolean reversedSequenceNumbers,
                     boolean singleBondedHost, TrailingOctets trailingOctets) {

    public Quirks {
        java.util.Objects.requireNonNull(trailingOctets, "trailingOctets");
    }

    /** The YAML key of {@link #trailingOctets()}. */
    public static final String TRAILING_OCTETS = "trailingOctets";

    /** The YAML keys, in declaration order. */
    public static final List<String> NAMES = List.of("deviceTimeIsUtc", "disconnectsAfterUpload",
            "needsTimeBeforeData", "sendsOnlyUnsentRecords", "bondOnDiscovery", "doNotOverwriteClock",
            "sequenceStartsAtZero", "repeatsRecords", "reversedSequenceNumbers", "singleBondedHost");

    public static Quirks none() {
        return new Quirks(false, false, false, false, false, false, false, false, false, false,
                TrailingOctets.REJECT);
    }

    static Quirks of(java.util.Set<String> set, TrailingOctets trailingOctets) {
        return new Quirks(set.contains("deviceTimeIsUtc"), set.contains("disconnectsAfterUpload"),
                set.contains("needsTimeBeforeData"), set.contains("sendsOnlyUnsentRecords"),
                set.contains("bondOnDiscovery"), set.contains("doNotOverwriteClock"),
                set.contains("sequenceStartsAtZero"), set.contains("repeatsRecords"),
                set.contains("reversedSequenceNumbers"), set.contains("singleBondedHost"), trailingOctets);
    }
}
