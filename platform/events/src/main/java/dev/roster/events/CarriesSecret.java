package dev.roster.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event whose data holds a usable secret (a one-time token). Its producer keeps it only
 * until it is published: the outbox relay deletes such a row as soon as the broker has it, instead
 * of keeping it for the retention period like other published rows.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CarriesSecret {
}
