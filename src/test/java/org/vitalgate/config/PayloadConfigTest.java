package org.vitalgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalgate.uplink.payload.FhirR4;
import org.vitalgate.uplink.payload.PayloadFormat;

/** {@code mqtt.payload} and {@code mqtt.fhirPatientSystem}: the readings' wire format, chosen per broker. */
class PayloadConfigTest {
    private static final Path FILE = Path.of("agent.yaml");
    private final ConfigLoader loader = new ConfigLoader(List.of());

    private AgentConfig parse(String mqttExtra) throws ConfigException {
        return loader.parse("hubId: h1\nmqtt:\n  broker: mqtts://broker.example.com\n" + mqttExtra, FILE);
    }

    @Test
    void jsonV1IsTheDefault() throws Exception {
        AgentConfig c = parse("");
        assertThat(c.payload().format()).isEqualTo(PayloadFormat.JSON_V1);
        assertThat(c.payload().patientSystem()).isEqualTo(FhirR4.DEFAULT_PATIENT_SYSTEM);
    }

    @Test
    void fhirR4IsChosenInTheMqttSectionWithItsPatientSystem() throws Exception {
        AgentConfig c = parse("  payload: fhir-r4\n  fhirPatientSystem: urn:oid:2.16.840.1.113883.3.999\n");
        assertThat(c.payload().format()).isEqualTo(PayloadFormat.FHIR_R4);
        assertThat(c.payload().patientSystem()).isEqualTo("urn:oid:2.16.840.1.113883.3.999");
    }

    @Test
    void badValuesAreReportedAtTheirLineNeverDefaulted() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("  payload: fhir-r5\n  fhirPatientSystem: not a uri\n"));
        assertThat(e.problems()).extracting(ConfigProblem::toString).anySatisfy(p -> assertThat(p)
                .contains("mqtt.payload").contains("must be json-v1 or fhir-r4, got fhir-r5"))
                .anySatisfy(p -> assertThat(p).contains("mqtt.fhirPatientSystem").contains("absolute URI"));
    }
}
