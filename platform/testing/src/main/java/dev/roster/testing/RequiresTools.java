package dev.roster.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests (a class or one method) that drive command-line tools beyond a JDK ({@code kubectl}, {@code buildah},
 * {@code wrk}, {@code chromium}): on a developer's machine that lacks one they are skipped, saying which tool is
 * missing; in CI (environment {@code CI=true}) they are never skipped, and a missing tool fails them.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiredToolsCondition.class)
public @interface RequiresTools {

    /** The executables that must be on the {@code PATH}. */
    String[] value();

    /** Whether the tests must also run as root (buildah's chroot isolation). */
    boolean root() default false;
}
