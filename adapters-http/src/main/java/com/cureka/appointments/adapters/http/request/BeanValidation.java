package com.cureka.appointments.adapters.http.request;

import com.cureka.appointments.adapters.http.error.FieldCode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.HibernateValidator;

import java.util.Comparator;
import java.util.Locale;

/** Runs the DTOs' Bean Validation constraints and reports them with the API's field names and codes. */
public final class BeanValidation implements AutoCloseable {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final ValidatorFactory factory;
    private final Validator validator;

    public BeanValidation() {
        // English messages whatever the server's locale: clients and tests read them.
        this.factory = Validation.byProvider(HibernateValidator.class)
                .configure()
                .defaultLocale(Locale.ENGLISH)
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    public void validate(Object dto, FieldErrors errors) {
        validator.validate(dto).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(fieldOf(v.getPropertyPath()), codeOf(v), v.getMessage()));
    }

    private static String fieldOf(Path path) {
        var field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() == null || node.getName().startsWith("<")) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(SNAKE_CASE.translate(node.getName()));
        }
        return field.toString();
    }

    private static FieldCode codeOf(ConstraintViolation<?> violation) {
        var constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (constraint == NotNull.class || constraint == NotBlank.class || constraint == NotEmpty.class) {
            return FieldCode.REQUIRED;
        }
        if (constraint == Size.class) {
            return FieldCode.TOO_LONG;
        }
        return FieldCode.INVALID_FORMAT;
    }

    @Override
    public void close() {
        factory.close();
    }
}
