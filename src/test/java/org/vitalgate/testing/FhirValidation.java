package org.vitalgate.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * The HAPI FHIR instance validator (HL7 validator core) with the FHIR R4 core definitions shipped in
 * {@code hapi-fhir-validation-resources-r4}: base resources, data types, extensions and the Vital Signs profiles.
 * Fully offline: no terminology server, no package download. The HL7 PHD IG package is not on Maven Central or
 * npm, so its profiles cannot be loaded: the validator reports each PHD {@code meta.profile} claim as "could not
 * be found" ({@link #isUnresolvablePhdProfile}); the PHD rules are checked by {@code FhirR4PhdConformanceTest}.
 *
 * <p>Building it loads the R4 definitions (about a minute on a loaded 2-core box), so one instance is shared
 * per test JVM. Thread-safe once built.
 */
public final class FhirValidation {
    private static final Pattern PHD_PROFILE_NOT_FOUND = Pattern.compile(
            "Profile reference 'http://hl7\\.org/fhir/uv/phd/StructureDefinition/[A-Za-z]+' has not been checked"
                    + " because it could not be found");

    private static volatile FhirValidation shared;

    private final FhirContext context;
    private final FhirValidator validator;

    private FhirValidation() {
        context = FhirContext.forR4();
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context), new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        validator = context.newValidator().registerValidatorModule(module);
    }

    /** The validator of this test JVM, built on first use. */
    public static FhirValidation get() {
        FhirValidation v = shared;
        if (v == null) {
            synchronized (FhirValidation.class) {
                v = shared;
                if (v == null) {
                    v = new FhirValidation();
                    shared = v;
                }
            }
        }
        return v;
    }

    public FhirContext context() {
        return context;
    }

    /** Every message the validator reports for {@code payload} (a JSON resource). */
    public List<SingleValidationMessage> validate(byte[] payload) {
        return validator.validateWithResult(new String(payload, StandardCharsets.UTF_8)).getMessages();
    }

    /** Errors and fatals, less the expected "PHD profile could not be found" (see the class comment). */
    public List<SingleValidationMessage> errors(byte[] payload) {
        return validate(payload).stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .filter(m -> !isUnresolvablePhdProfile(m))
                .toList();
    }

    public static boolean isUnresolvablePhdProfile(SingleValidationMessage m) {
        return PHD_PROFILE_NOT_FOUND.matcher(m.getMessage()).matches();
    }

    public static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
