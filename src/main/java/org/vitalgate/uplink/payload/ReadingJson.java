package org.vitalgate.uplink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeFlag;

/** Writes the body of a v1 reading ({@code docs/schemas/reading-v1.schema.json}). Stateless; thread-safe. */
final class ReadingJson {
    private ReadingJson() {
    }

    static void write(JsonGenerator g, String hubId, Reading reading) throws IOException {
        ReadingDraft r = reading.content();
        g.writeStartObject();
        g.writeNumberField("v", 1);
        g.writeStringField("id", r.id().value());
        g.writeNumberField("seq", reading.seq());
        g.writeStringField("dedupKey", Fields.token("dedupKey", r.dedupKey(), 80, "-_.:"));
        g.writeStringField("hubId", hubId);
        g.writeStringField("patientKey", Fields.text("patientKey", r.patientKey(), 1, Fields.PATIENT_KEY));
        g.writeStringField("origin", r.origin().wire());
        writeDevice(g, r);
        writeValues(g, r.deviceRecordNumber(), r.measurements(), r.flags());
        writeTime(g, r.time());
        g.writeEndObject();
    }

    /**
     * The members a device value contributes: {@code deviceRecordNumber} (if any), {@code measurements} and
     * {@code flags}. Shared with {@code vitalgate decode}, so that it shows exactly what the wire carries.
     */
    static void writeValues(JsonGenerator g, OptionalLong recordNumber, List<Measurement> measurements,
                            Set<StatusFlag> statusFlags) throws IOException {
        if (recordNumber.isPresent()) {
            long n = recordNumber.getAsLong();
            if (n < 0) {
                throw new IllegalArgumentException("deviceRecordNumber is negative: " + n);
            }
            g.writeNumberField("deviceRecordNumber", n);
        }
        g.writeArrayFieldStart("measurements");
        for (Measurement m : measurements) {
            writeMeasurement(g, m);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flags");
        List<StatusFlag> flags = new ArrayList<>(statusFlags);
        flags.sort(null); // enum order: deterministic bytes for the same reading
        for (StatusFlag f : flags) {
            g.writeString(WireNames.of(f));
        }
        g.writeEndArray();
    }

    private static void writeDevice(JsonGenerator g, ReadingDraft r) throws IOException {
        DeviceIdentity d = r.device();
        g.writeObjectFieldStart("device");
        g.writeStringField("transport", d.transport().wire());
        g.writeStringField("address", Fields.text("device.address", d.address(), 1, Fields.ADDRESS));
        // unknown make or model is left out, never replaced by a placeholder
        if (d.manufacturer().isPresent()) {
            g.writeStringField("manufacturer",
                    Fields.text("device.manufacturer", d.manufacturer().get(), 1, Fields.DEVICE_TEXT));
        }
        if (d.model().isPresent()) {
            g.writeStringField("model", Fields.text("device.model", d.model().get(), 1, Fields.DEVICE_TEXT));
        }
        if (d.serialNumber().isPresent()) {
            g.writeStringField("serialNumber",
                    Fields.text("device.serialNumber", d.serialNumber().get(), 0, Fields.DEVICE_TEXT));
        }
        if (d.firmware().isPresent()) {
            g.writeStringField("firmware", Fields.text("device.firmware", d.firmware().get(), 0, Fields.DEVICE_TEXT));
        }
        g.writeStringField("profileId", Fields.token("device.profileId", d.profileId(), Fields.PROFILE_ID, "-_."));
        if (r.userSlot().isPresent()) {
            int slot = r.userSlot().getAsInt();
            if (slot < 0 || slot > 255) {
                throw new IllegalArgumentException("userSlot not 0..255: " + slot);
            }
            g.writeNumberField("userSlot", slot);
        }
        g.writeEndObject();
    }

    private static void writeMeasurement(JsonGenerator g, Measurement m) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", WireNames.of(m.type()));
        Quantity q = m.quantity();
        if (q instanceof Quantity.Value v) {
            BigDecimal value = v.value();
            if (value.precision() > Fields.VALUE_DIGITS || Math.abs(value.scale()) > Fields.VALUE_DIGITS) {
                throw new IllegalArgumentException(m.type() + " value has too many digits: " + value);
            }
            g.writeFieldName("value");
            g.writeNumber(value); // plain notation, scale kept: 36.40 stays 36.40
        } else if (q instanceof Quantity.Special s) {
            g.writeStringField("dataAbsent", WireNames.of(s.kind()));
        }
        g.writeStringField("unit", q.unit().ucum());
        g.writeNumberField("mdc", m.type().mdc());
        g.writeStringField("mdcRef", m.type().mdcReference());
        g.writeStringField("loinc", m.loinc());
        g.writeEndObject();
    }

    private static void writeTime(JsonGenerator g, TimeChain t) throws IOException {
        g.writeObjectFieldStart("time");
        if (t.deviceTime().isPresent()) {
            g.writeStringField("device", WireTime.deviceTime(t.deviceTime().get()));
        }
        g.writeStringField("measured", WireTime.instant(t.measuredAt()));
        g.writeStringField("correction", t.correction().wire());
        if (t.deviceClockOffset().isPresent()) {
            g.writeNumberField("deviceClockOffsetMs", t.deviceClockOffset().get().toMillis());
        }
        g.writeStringField("received", WireTime.instant(t.receivedAt()));
        g.writeStringField("hubClock", t.hubClock().wire());
        if (!t.flags().isEmpty()) {
            List<TimeFlag> flags = new ArrayList<>(t.flags());
            flags.sort(null); // enum order: deterministic bytes
            g.writeArrayFieldStart("flags");
            for (TimeFlag f : flags) {
                g.writeString(f.wire());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
