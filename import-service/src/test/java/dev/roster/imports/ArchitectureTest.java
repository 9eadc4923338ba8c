package dev.roster.imports;

import dev.roster.testing.ServiceChecks;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        ServiceChecks.assertNoPackageCycles("dev.roster.imports");
    }
}
