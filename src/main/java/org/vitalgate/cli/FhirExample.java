package org.vitalgate.cli;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.reading.DedupKey;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingIds;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.reading.Transport;
import org.vitalgate.uplink.payload.FhirR4;

/**
 * {@code vitalgate decode --fhir}: the {@code fhir-r4} Bundle a decoded characteristic value would be published
 * as, for a device at {@code address} assigned to {@code patientKey}, received now; a device time stamp is read as
 * local time in this machine's zone, uncorrected (the device clock is not known here). Stateless.
 */
final class FhirExample {
    /** Decimals stay exact and keep their scale (36.50 is printed 36.50). */
    private static final ObjectMapper PRETTY = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private FhirExample() {
    }

    static String bundle(MappedReading m, String codecId, String address, String patientKey) {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        DeviceIdentity device = new DeviceIdentity(Transport.BLE, address, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), codecId.replace('.', '-'));
        TimeChain time = m.deviceTime().isPresent()
                ? new TimeChain(m.deviceTime(), m.deviceTime().get().atZone(ZoneId.systemDefault()).toInstant(),
                TimeCorrection.DEVICE_LOCAL_UNCORRECTED, Optional.empty(), now, HubClock.UNKNOWN)
                : TimeChain.receivedOnly(now, HubClock.UNKNOWN);
        ReadingDraft draft = new ReadingDraft(new ReadingIds(clock).next(),
                DedupKey.of(device, m.userId(), m.measurements().stream().map(Measurement::type).toList(), time,
                        m.recordNumber()),
                device, patientKey, m.userId(), m.recordNumber(), time, m.measurements(), m.flags(), Origin.SENSED);
        byte[] bundle = FhirR4.stampPublished(new FhirR4("decode", "cli").encode(draft.committed(1)), now);
        try {
            return PRETTY.writeValueAsString(PRETTY.readTree(bundle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
