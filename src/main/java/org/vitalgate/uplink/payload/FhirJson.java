package org.vitalgate.uplink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import org.vitalgate.reading.Quantity;
import org.vitalgate.uplink.payload.FhirCodes.Coding;

/** Small FHIR JSON datatype writers over Jackson's streaming generator. Stateless; thread-safe. */
final class FhirJson {
    private FhirJson() {
    }

    static void coding(JsonGenerator g, Coding c) throws IOException {
        g.writeStartObject();
        g.writeStringField("system", c.system());
        g.writeStringField("code", c.code());
        if (!c.display().isEmpty()) {
            g.writeStringField("display", c.display());
        }
        g.writeEndObject();
    }

    /** {@code "field":{"coding":[...],"text":...}}; an empty text is left out. */
    static void codeable(JsonGenerator g, String field, String text, Coding... codings) throws IOException {
        g.writeFieldName(field);
        codeableValue(g, text, codings);
    }

    static void codeableValue(JsonGenerator g, String text, Coding... codings) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("coding");
        for (Coding c : codings) {
            coding(g, c);
        }
        g.writeEndArray();
        if (!text.isEmpty()) {
            g.writeStringField("text", text);
        }
        g.writeEndObject();
    }

    static void reference(JsonGenerator g, String field, String reference) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("reference", reference);
        g.writeEndObject();
    }

    /** A UCUM valueQuantity with the device's decimal precision kept (120 stays 120, 36.50 stays 36.50). */
    static void quantity(JsonGenerator g, String field, Quantity.Value v) throws IOException {
        BigDecimal value = v.value();
        if (value.precision() > Fields.VALUE_DIGITS || Math.abs(value.scale()) > Fields.VALUE_DIGITS) {
            throw new IllegalArgumentException("value has too many digits: " + value);
        }
        g.writeObjectFieldStart(field);
        g.writeFieldName("value");
        g.writeNumber(value);
        g.writeStringField("unit", v.unit().ucum());
        g.writeStringField("system", FhirCodes.UCUM);
        g.writeStringField("code", v.unit().ucum());
        g.writeEndObject();
    }

    /** A complex extension's simple member {@code {"url":..,"<valueField>":<string>}}. */
    static void stringExtension(JsonGenerator g, String url, String valueField, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("url", url);
        g.writeStringField(valueField, value);
        g.writeEndObject();
    }
}
