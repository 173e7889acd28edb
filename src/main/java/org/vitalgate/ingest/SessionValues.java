package org.vitalgate.ingest;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.vitalgate.codec.ByteWriter;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.codec.gatt.cts.CurrentTime;
import org.vitalgate.codec.gatt.cts.DateTimeParser;
import org.vitalgate.codec.gatt.gls.RacpMessage;
import org.vitalgate.codec.gatt.gls.RecordAccessControlPoint;
import org.vitalgate.codec.gatt.gls.RecordAccessControlPointParser;
import org.vitalgate.profile.ClockFormat;
import org.vitalgate.profile.ConnectAction;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.ble.SessionTarget;

/**
 * The values a BLE session writes and the RACP responses it watches for, encoded by the codec package so the
 * transport never handles characteristic layouts (device-protocols.md A.2, A.4.4, B.4). Pure; thread-safe.
 */
public final class SessionValues {
    private static final RecordAccessControlPointParser RACP = new RecordAccessControlPointParser();

    private SessionValues() {
    }

    /** The session target for {@code profile}: its clock format and quirks, RACP requests and responses. */
    public static SessionTarget target(DeviceProfile profile) {
        return new SessionTarget(profile, clockValue(profile), SessionValues::racpRequest, SessionValues::racpEnd);
    }

    /**
     * The encoder of the profile's {@code setClock} step: Date Time or Current Time in the device's wall clock
     * (UTC when the profile says the device clock runs on UTC), or the Contour clock (UTC + zone offset).
     */
    static Function<ZonedDateTime, Bytes> clockValue(DeviceProfile profile) {
        ClockFormat format = profile.onConnect().stream().filter(a -> a instanceof ConnectAction.SetClock)
                .map(a -> ((ConnectAction.SetClock) a).format()).findFirst().orElse(ClockFormat.DATE_TIME);
        boolean utc = profile.quirks().deviceTimeIsUtc();
        return now -> {
            ZonedDateTime deviceWall = utc ? now.withZoneSameInstant(ZoneOffset.UTC) : now;
            return switch (format) {
                case DATE_TIME -> DateTimeParser.encode(GattDateTime.of(deviceWall.toLocalDateTime()));
                case CURRENT_TIME -> CurrentTime.of(deviceWall.toLocalDateTime(),
                        EnumSet.of(CurrentTime.AdjustReason.MANUAL_TIME_UPDATE)).encode();
                case CONTOUR_UTC_WITH_OFFSET -> contour(now);
            };
        };
    }

    /**
     * "Report stored records": all when nothing was committed yet, else sequence number ≥ last + 1. A pointer
     * at the top of the uint16 range (or negative) asks for all records: the hub drops re-sent ones by dedup key.
     */
    static Bytes racpRequest(OptionalLong lastCommitted) {
        if (lastCommitted.isEmpty() || lastCommitted.getAsLong() < 0 || lastCommitted.getAsLong() >= 0xFFFF) {
            return RecordAccessControlPoint.reportAllRecords().encode();
        }
        return RecordAccessControlPoint.reportRecordsFrom((int) lastCommitted.getAsLong() + 1).encode();
    }

    /** The end of a "report stored records" procedure, if {@code value} is its response code indication. */
    static Optional<SessionTarget.RacpEnd> racpEnd(Bytes value) {
        Decoded<RacpMessage> d = RACP.parse(value);
        if (d instanceof Decoded.Ok<RacpMessage> ok && ok.value() instanceof RacpMessage.Response r
                && r.requestOpCode() == RacpMessage.REPORT_STORED_RECORDS) {
            boolean fine = r.meaning() == RacpMessage.ResponseCode.SUCCESS
                    || r.meaning() == RacpMessage.ResponseCode.NO_RECORDS_FOUND;
            return Optional.of(new SessionTarget.RacpEnd(fine, r.meaning() + " (0x"
                    + Integer.toHexString(r.responseCode()) + ")"));
        }
        return Optional.empty();
    }

    /** Ascensia Contour clock (0x1026): {@code 01}, Date Time in UTC, sint16 minutes of the zone offset. */
    static Bytes contour(ZonedDateTime now) {
        Bytes utc = DateTimeParser.encode(GattDateTime.of(now.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime()));
        int offsetMinutes = now.getOffset().getTotalSeconds() / 60;
        return new ByteWriter().u8(0x01).bytes(utc).u16(offsetMinutes & 0xFFFF).toBytes();
    }
}
