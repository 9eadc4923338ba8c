package dev.roster.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A {@link LocalDate}, {@link Instant} or {@link OffsetDateTime} within {@link SaneDates}' range (1900 to
 * 9999); {@code null} is valid. Put it on every date or instant a request takes, so that an absurd value
 * is a 400 {@code validation-failed} and never reaches the database.
 */
@Documented
@Constraint(validatedBy = {SaneDate.ForLocalDate.class, SaneDate.ForInstant.class, SaneDate.ForOffsetDateTime.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface SaneDate {

    String message() default SaneDates.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a day. */
    final class ForLocalDate implements ConstraintValidator<SaneDate, LocalDate> {
        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return SaneDates.isSane(value);
        }
    }

    /** Checks an instant. */
    final class ForInstant implements ConstraintValidator<SaneDate, Instant> {
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return SaneDates.isSane(value);
        }
    }

    /** Checks a date-time with an offset. */
    final class ForOffsetDateTime implements ConstraintValidator<SaneDate, OffsetDateTime> {
        @Override
        public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
            return SaneDates.isSane(value);
        }
    }
}
