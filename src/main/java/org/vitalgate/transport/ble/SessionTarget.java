package org.vitalgate.transport.ble;

import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.reading.Bytes;

/**
 * A device the session manager should visit, with its profile and the device-specific bytes the session writes.
 * The bytes come from the composition root (codec code: Current Time, Date Time, RACP), so the transport never
 * encodes or decodes characteristic values itself. The functions are pure and are called on the
 * {@code ble-session} thread. Immutable.
 *
 * @param profile     the device's profile (bonding, on-connect steps, quirks)
 * @param clockValue  hub time now, in the household zone → the value of the profile's {@code setClock} step
 *                    (the function applies the clock format and the device's UTC quirk)
 * @param racpRequest last committed record number (empty: none yet) → the RACP "report stored records" request
 * @param racpEnd     a value indicated on the RACP characteristic → how the report procedure ended, or empty
 *                    when the value is not the final response to a report request
 */
public record SessionTarget(DeviceProfile profile, Function<ZonedDateTime, Bytes> clockValue,
                            Function<OptionalLong, Bytes> racpRequest, Function<Bytes, Optional<RacpEnd>> racpEnd) {
    public SessionTarget {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(clockValue, "clockValue");
        Objects.requireNonNull(racpRequest, "racpRequest");
        Objects.requireNonNull(racpEnd, "racpEnd");
    }

    /**
     * The end of a RACP report procedure.
     *
     * @param ok          records were sent or there were none to send
     * @param description the response code as text, for logs and failure events
     */
    public record RacpEnd(boolean ok, String description) {
        public RacpEnd {
            Objects.requireNonNull(description, "description");
        }
    }
}
