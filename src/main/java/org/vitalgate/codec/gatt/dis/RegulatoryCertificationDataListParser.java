package org.vitalgate.codec.gatt.dis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.reading.Bytes;

/**
 * IEEE 11073-20601 Regulatory Certification Data List, UUID 0x2A2A (DIS 1.1). The value is an opaque
 * MDER (big-endian) RegCertDataList: uint16 count · uint16 length · count × {uint8 auth-body, uint8
 * auth-body-struc-type, uint16 data length, data}. The raw value is always kept; the structure is added when
 * it is consistent, otherwise {@code structureError} says why (not malformed: the SIG treats the value as
 * opaque). Only an empty value is malformed. Stateless; thread-safe.
 */
public final class RegulatoryCertificationDataListParser
        implements CharacteristicParser<RegulatoryCertificationDataList> {
    @Override
    public Decoded<RegulatoryCertificationDataList> parse(Bytes value) {
        if (value.isEmpty()) {
            return Decoded.malformed("empty value", 0, value);
        }
        if (value.size() < 4) {
            return opaque(value, "shorter than the MDER list header");
        }
        int count = be16(value, 0);
        int length = be16(value, 2);
        if (length != value.size() - 4) {
            return opaque(value, "list length " + length + " does not match " + (value.size() - 4) + " octets");
        }
        List<RegulatoryCertificationDataList.Entry> entries = new ArrayList<>();
        int at = 4;
        for (int i = 0; i < count; i++) {
            if (value.size() - at < 4) {
                return opaque(value, "entry " + i + " truncated");
            }
            int authBody = value.u8(at);
            int type = value.u8(at + 1);
            int len = be16(value, at + 2);
            if (value.size() - at - 4 < len) {
                return opaque(value, "entry " + i + " data truncated");
            }
            entries.add(new RegulatoryCertificationDataList.Entry(authBody, type, value.slice(at + 4, at + 4 + len)));
            at += 4 + len;
        }
        if (at != value.size()) {
            return opaque(value, "octets after the last entry");
        }
        return Decoded.ok(new RegulatoryCertificationDataList(value, Optional.of(entries), Optional.empty()));
    }

    private static Decoded<RegulatoryCertificationDataList> opaque(Bytes value, String why) {
        return Decoded.ok(new RegulatoryCertificationDataList(value, Optional.empty(), Optional.of(why)));
    }

    private static int be16(Bytes v, int at) {
        return v.u8(at) << 8 | v.u8(at + 1);
    }
}
