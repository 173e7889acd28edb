package org.vitalgate.codec.gatt.cts;

import java.util.Optional;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * Time Zone (0x2A0E, 1 octet), DST Offset (0x2A0D, 1 octet) and Local Time Information (0x2A0F, 2 octets),
 * Current Time Service 1.1 / GSS. Reserved codes are malformed. Stateless; thread-safe.
 */
public final class TimeParsers {
    private TimeParsers() {
    }

    public static final class TimeZoneParser implements CharacteristicParser<TimeZone> {
        @Override
        public Decoded<TimeZone> parse(Bytes value) {
            Optional<Decoded<TimeZone>> bad = Lengths.fixed(value, 1);
            return bad.isPresent() ? bad.get() : timeZone(value, 0);
        }
    }

    public static final class DstOffsetParser implements CharacteristicParser<DstOffset> {
        @Override
        public Decoded<DstOffset> parse(Bytes value) {
            Optional<Decoded<DstOffset>> bad = Lengths.fixed(value, 1);
            return bad.isPresent() ? bad.get() : dst(value, 0);
        }
    }

    public static final class LocalTimeInformationParser implements CharacteristicParser<LocalTimeInformation> {
        @Override
        public Decoded<LocalTimeInformation> parse(Bytes value) {
            Optional<Decoded<LocalTimeInformation>> bad = Lengths.fixed(value, 2);
            if (bad.isPresent()) {
                return bad.get();
            }
            Decoded<TimeZone> tz = timeZone(value, 0);
            if (!(tz instanceof Decoded.Ok<TimeZone> tzOk)) {
                return Lengths.failure(tz);
            }
            Decoded<DstOffset> dst = dst(value, 1);
            if (!(dst instanceof Decoded.Ok<DstOffset> dstOk)) {
                return Lengths.failure(dst);
            }
            return Decoded.ok(new LocalTimeInformation(tzOk.value(), dstOk.value()));
        }
    }

    static Decoded<TimeZone> timeZone(Bytes value, int at) {
        int raw = value.get(at);
        if (raw != TimeZone.UNKNOWN && (raw < -48 || raw > 56)) {
            return Decoded.malformed("reserved time zone " + raw, at, value);
        }
        return Decoded.ok(new TimeZone(raw));
    }

    static Decoded<DstOffset> dst(Bytes value, int at) {
        Optional<DstOffset> d = DstOffset.of(value.u8(at));
        return d.isPresent() ? Decoded.ok(d.get()) : Decoded.malformed("reserved DST offset " + value.u8(at), at, value);
    }
}
