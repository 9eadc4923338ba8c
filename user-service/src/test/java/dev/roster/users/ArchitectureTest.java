package dev.roster.users;

import dev.roster.testing.ServiceChecks;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        ServiceChecks.assertNoPackageCycles("dev.roster.users");
    }
}
