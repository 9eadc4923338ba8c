package dev.roster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every overlay renders, every object in it is exactly what the Kubernetes models (and the Prometheus operator's)
 * know, and every Deployment holds to what an operator expects of one (issue #15).
 */
class ManifestsTest {

    static final java.util.List<String> OVERLAYS = Manifests.OVERLAYS;

    /** A service's settings, e.g. {@code ${ROSTER_POSTGRES_HOST:localhost}}: the variable and its default. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectIsExactlyWhatItsModelKnows(String overlay) {
        assertThat(Manifests.of(overlay)).isNotEmpty()
                .allSatisfy(object -> assertThat(Manifests.misfits(object)).isEmpty());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceHasADeploymentAServiceADisruptionBudgetAnAutoscalerAndAServiceMonitor(String overlay) {
        assertThat(Manifests.of(overlay, Deployment.class)).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        for (String name : Manifests.SERVICES) {
            Deployment deployment = Manifests.named(overlay, Deployment.class, name);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

            assertThat(Manifests.named(overlay, Service.class, name).getSpec().getSelector()).isEqualTo(
                    deployment.getSpec().getSelector().getMatchLabels());
            assertThat(podLabels).containsAllEntriesOf(
                    Manifests.named(overlay, PodDisruptionBudget.class, name).getSpec().getSelector().getMatchLabels());
            HorizontalPodAutoscaler autoscaler = Manifests.named(overlay, HorizontalPodAutoscaler.class, name);
            assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            ServiceMonitor monitor = Manifests.named(overlay, ServiceMonitor.class, name);
            assertThat(monitor.getSpec().getSelector().getMatchLabels()).isEqualTo(
                    Manifests.named(overlay, Service.class, name).getMetadata().getLabels().entrySet().stream()
                            .filter(label -> label.getKey().equals("app.kubernetes.io/name"))
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.getPort()).isEqualTo("management");
                assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
            });
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodIsLockedDownProbedSizedAndDrainsBeforeItStops(String overlay) {
        assertThat(Manifests.of(overlay, Deployment.class)).allSatisfy(deployment -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getContainers()).singleElement().satisfies(container -> {
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

                assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
                assertThat(container.getPorts()).extracting(port -> port.getName()).contains("http", "management");
                assertThat(container.getStartupProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");

                assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).containsKey("memory");
                // the heap follows the limit: no fixed -Xmx anywhere
                assertThat(env(container)).containsKey("JAVA_TOOL_OPTIONS");
                assertThat(env(container).get("JAVA_TOOL_OPTIONS").getValue()).contains("MaxRAMPercentage")
                        .doesNotContain("-Xmx");

                // endpoints drain during preStop; then Spring's shutdown phases (20 s each at most) fit in the grace
                assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).isBetween(5L, 15L);
                assertThat(pod.getTerminationGracePeriodSeconds())
                        .isGreaterThan(container.getLifecycle().getPreStop().getSleep().getSeconds() + 20 + 10);
            });
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyImageIsPinnedToAVersion(String overlay) {
        assertThat(Manifests.of(overlay, Deployment.class))
                .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getImage)
                .allSatisfy(image -> assertThat(image).matches(".+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$")
                        .doesNotEndWith(":latest"));
    }

    /**
     * Every variable a service reads without a default, with an empty one or with one that only fits a laptop
     * ({@code localhost}) is set in its Deployment, and every value it takes from the shared ConfigMap is there.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyVariableAServiceNeedsIsSet(String overlay) throws IOException {
        ConfigMap config = Manifests.named(overlay, ConfigMap.class, "roster-config");
        for (String name : Manifests.SERVICES) {
            Container container = Manifests.named(overlay, Deployment.class, name).getSpec().getTemplate().getSpec()
                    .getContainers().getFirst();
            String settings = Files.readString(Manifests.REPOSITORY.resolve(name + "/src/main/resources/application.yml"));
            Set<String> needed = new TreeSet<>();
            Matcher variable = VARIABLE.matcher(settings);
            while (variable.find()) {
                String fallback = variable.group(2);
                if (fallback == null || fallback.isBlank() || fallback.contains("localhost")) {
                    needed.add(variable.group(1));
                }
            }
            assertThat(needed).as(name).isNotEmpty();
            assertThat(env(container).keySet()).as(name).containsAll(needed);
            assertThat(container.getEnv()).filteredOn(env -> env.getValueFrom() != null
                            && env.getValueFrom().getConfigMapKeyRef() != null)
                    .allSatisfy(env -> {
                        assertThat(env.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("roster-config");
                        assertThat(config.getData()).containsKey(env.getValueFrom().getConfigMapKeyRef().getKey());
                    });
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void nothingReachesAPodThatAPolicyDoesNotAdmit(String overlay) {
        assertThat(Manifests.of(overlay, NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
            assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        });
    }

    @org.junit.jupiter.api.Test
    void productionRunsAtLeastTwoOfEverySpreadOverNodes() {
        assertThat(Manifests.of("production", Deployment.class)).allSatisfy(deployment -> {
            assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .anySatisfy(spread -> {
                        assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                        assertThat(spread.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
                    });
        });
        assertThat(Manifests.of("production", HorizontalPodAutoscaler.class))
                .allSatisfy(autoscaler -> assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2));
    }

    private static Map<String, EnvVar> env(Container container) {
        Map<String, EnvVar> byName = new java.util.LinkedHashMap<>();
        container.getEnv().forEach(env -> assertThat(byName.put(env.getName(), env)).as("%s set twice", env.getName()).isNull());
        return byName;
    }
}
