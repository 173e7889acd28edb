package org.vitalgate.uplink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Measurement;
import org.vitalgate.uplink.payload.FhirCodes.Coding;

/**
 * The Device entries of a {@code fhir-r4} Bundle: the PhdDevice that measured (identified by its Bluetooth
 * address as the IG's BTMAC identifier, since GATT devices report no IEEE system id) and the PhgDevice of the
 * hub, each a conditional create on its identifier. Stateless; thread-safe.
 */
final class FhirDevices {
    private FhirDevices() {
    }

    static void phg(JsonGenerator g, String fullUrl, String hubId, String agentVersion, HubClock clock)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("fullUrl", fullUrl);
        g.writeObjectFieldStart("resource");
        g.writeStringField("resourceType", "Device");
        profile(g, "PhgDevice");
        g.writeArrayFieldStart("identifier");
        g.writeStartObject();
        g.writeStringField("system", FhirCodes.VG_HUB_ID);
        g.writeStringField("value", hubId);
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("manufacturer", "vitalgate");
        g.writeStringField("modelNumber", "vitalgate agent");
        FhirJson.codeable(g, "type", "Personal health gateway", FhirCodes.PHG_TYPE);
        g.writeArrayFieldStart("specialization");
        for (Coding c : FhirCodes.HUB_SPECIALIZATIONS.stream().sorted(Comparator.comparing(Coding::code)).toList()) {
            g.writeStartObject();
            FhirJson.codeable(g, "systemType", "", c);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("version");
        version(g, FhirCodes.SOFTWARE_VERSION, Fields.text("agentVersion", agentVersion, 1, Fields.AGENT_VERSION));
        g.writeEndArray();
        if (clock != HubClock.UNKNOWN) {
            g.writeArrayFieldStart("property");
            g.writeStartObject();
            FhirJson.codeable(g, "type", "", FhirCodes.TIME_SYNC_PROTOCOL);
            g.writeArrayFieldStart("valueCode");
            FhirJson.codeableValue(g, "", clock == HubClock.SYNCHRONIZED ? FhirCodes.TIME_SYNC_SNTP
                    : FhirCodes.TIME_SYNC_NONE);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
        request(g, "Device", FhirIds.token(FhirCodes.VG_HUB_ID, hubId));
        g.writeEndObject();
    }

    static void phd(JsonGenerator g, String fullUrl, DeviceIdentity d, List<Measurement> measurements)
            throws IOException {
        String address = Fields.text("device.address", d.address(), 1, Fields.ADDRESS);
        boolean bt = FhirIds.hasBluetoothAddress(d);
        String system = bt ? FhirCodes.BLUETOOTH_EUI48 : FhirCodes.VG_DEVICE_ADDRESS;
        String value = bt ? FhirIds.bluetoothAddress(d) : d.transport().wire() + ":" + address;
        g.writeStartObject();
        g.writeStringField("fullUrl", fullUrl);
        g.writeObjectFieldStart("resource");
        g.writeStringField("resourceType", "Device");
        profile(g, "PhdDevice");
        g.writeArrayFieldStart("identifier");
        g.writeStartObject();
        if (bt) {
            FhirJson.codeable(g, "type", "", FhirCodes.BTMAC);
        }
        g.writeStringField("system", system);
        g.writeStringField("value", value);
        g.writeEndObject();
        g.writeEndArray();
        if (d.manufacturer().isPresent()) {
            optional(g, "manufacturer", Fields.text("device.manufacturer", d.manufacturer().get(), 0,
                    Fields.DEVICE_TEXT));
        }
        if (d.serialNumber().isPresent()) {
            optional(g, "serialNumber", Fields.text("device.serialNumber", d.serialNumber().get(), 0,
                    Fields.DEVICE_TEXT));
        }
        if (d.model().isPresent()) {
            optional(g, "modelNumber", Fields.text("device.model", d.model().get(), 0, Fields.DEVICE_TEXT));
        }
        FhirJson.codeable(g, "type", "", FhirCodes.PHD_TYPE);
        TreeMap<String, Coding> specializations = new TreeMap<>();
        for (Measurement m : measurements) {
            Coding c = FhirCodes.specialization(m.type());
            specializations.put(c.code(), c);
        }
        g.writeArrayFieldStart("specialization");
        for (Coding c : specializations.values()) {
            g.writeStartObject();
            FhirJson.codeable(g, "systemType", "", c);
            g.writeEndObject();
        }
        g.writeEndArray();
        if (d.firmware().isPresent() && !d.firmware().get().isBlank()) {
            g.writeArrayFieldStart("version");
            version(g, FhirCodes.FIRMWARE_VERSION, Fields.text("device.firmware", d.firmware().get(), 0,
                    Fields.DEVICE_TEXT));
            g.writeEndArray();
        }
        g.writeEndObject();
        request(g, "Device", FhirIds.token(system, value));
        g.writeEndObject();
    }

    /** {@code "request":{"method":"POST","url":type,"ifNoneExist":"identifier=<token>"}}. */
    static void request(JsonGenerator g, String type, String identifierToken) throws IOException {
        g.writeObjectFieldStart("request");
        g.writeStringField("method", "POST");
        g.writeStringField("url", type);
        g.writeStringField("ifNoneExist", "identifier=" + identifierToken);
        g.writeEndObject();
    }

    static void profile(JsonGenerator g, String phdProfile) throws IOException {
        g.writeObjectFieldStart("meta");
        g.writeArrayFieldStart("profile");
        g.writeString(FhirCodes.PHD_SD + phdProfile);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void version(JsonGenerator g, Coding type, String value) throws IOException {
        g.writeStartObject();
        FhirJson.codeable(g, "type", "", type);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    /** FHIR strings are never empty: a blank device text is left out rather than sent as "". */
    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (!value.isBlank()) {
            g.writeStringField(field, value);
        }
    }
}
