package org.vitalgate.codec.gatt.dis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vitalgate.reading.Bytes;

/**
 * IEEE 11073-20601 Regulatory Certification Data List (0x2A2A): the opaque value as read, and its basic MDER
 * structure when it parses (a RegCertDataList: count, length, then per entry auth-body, structure type and the
 * auth-body data octets). {@code structureError} says why the structure could not be read. Immutable.
 */
public record RegulatoryCertificationDataList(Bytes raw, Optional<List<Entry>> entries,
                                              Optional<String> structureError) {
    public RegulatoryCertificationDataList {
        Objects.requireNonNull(raw, "raw");
        entries = entries.map(List::copyOf);
        Objects.requireNonNull(structureError, "structureError");
    }

    /** One RegCertData: auth-body (2 = Continua), its structure type and its data. */
    public record Entry(int authBody, int structureType, Bytes data) {
        public Entry {
            Objects.requireNonNull(data, "data");
        }
    }
}
