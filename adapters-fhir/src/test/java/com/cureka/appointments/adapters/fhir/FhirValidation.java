package com.cureka.appointments.adapters.fhir;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import static com.cureka.appointments.adapters.fhir.FhirClinic.FHIR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HAPI FHIR's validator over the R4 base profiles and the terminology it can check offline: what the facade writes
 * must be valid FHIR R4, not only parse. Built once per JVM, as it takes seconds to build and to warm up.
 */
final class FhirValidation {
    private static final Logger log = LoggerFactory.getLogger(FhirValidation.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirValidator VALIDATOR = build();

    private FhirValidation() {}

    private static FhirValidator build() {
        var fhir = FHIR; // the parser's context, built before the clock starts: the tests paid for it before
        long started = System.nanoTime();
        var support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir));
        var validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        // The first validation loads the R4 profiles; done here so that its cost is logged once, not hidden in a test.
        validator.validateWithResult("{\"resourceType\":\"Basic\",\"code\":{\"text\":\"warm-up\"}}");
        log.info("FHIR validator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        return validator;
    }

    /** Every message the validator has about this JSON resource, as written (not as HAPI would re-encode it). */
    static List<SingleValidationMessage> messages(String json) {
        return VALIDATOR.validateWithResult(json).getMessages();
    }

    /** The errors and fatal errors among the messages. */
    static List<SingleValidationMessage> errors(String json) {
        return messages(json).stream().filter(FhirValidation::isError).toList();
    }

    /** Fails, listing them, on any error or fatal error; warnings and information are logged, only counted. */
    static void assertValid(String json) {
        long started = System.nanoTime();
        var messages = messages(json);
        var errors = messages.stream().filter(FhirValidation::isError).toList();
        if (log.isInfoEnabled()) {
            log.info(
                    "{}: {} warnings, {} information ({} ms)",
                    resourceType(json),
                    count(messages, ResultSeverityEnum.WARNING),
                    count(messages, ResultSeverityEnum.INFORMATION),
                    (System.nanoTime() - started) / 1_000_000);
        }
        messages.stream().filter(m -> !isError(m)).forEach(m -> log.debug("{}", describe(m)));
        assertThat(errors)
                .as(() -> "FHIR R4 validation errors in " + json + ":\n"
                        + errors.stream().map(FhirValidation::describe).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getMessageId() + " at " + m.getLocationString() + ": " + m.getMessage();
    }

    private static boolean isError(SingleValidationMessage m) {
        return m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL;
    }

    private static long count(List<SingleValidationMessage> messages, ResultSeverityEnum severity) {
        return messages.stream().filter(m -> m.getSeverity() == severity).count();
    }

    private static String resourceType(String json) {
        try {
            return JSON.readTree(json).path("resourceType").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
