package dev.roster.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Decides {@link RequiresTools}: run when every tool is there, or in CI; else skip, naming what is missing. */
final class RequiredToolsCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RequiresTools required = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresTools.class)).orElse(null);
        if (required == null) {
            return ConditionEvaluationResult.enabled("no tools required");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI runs every test: a missing tool fails it");
        }
        List<String> missing = new ArrayList<>(Arrays.stream(required.value()).filter(tool -> !onPath(tool)).toList());
        if (required.root() && !"root".equals(System.getProperty("user.name"))) {
            missing.add("root");
        }
        return missing.isEmpty()
                ? ConditionEvaluationResult.enabled("has " + String.join(", ", required.value()))
                : ConditionEvaluationResult.disabled("Skipped here, run in CI: needs " + String.join(", ", missing)
                        + " (see the README's test prerequisites)");
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, tool))
                .anyMatch(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate));
    }
}
