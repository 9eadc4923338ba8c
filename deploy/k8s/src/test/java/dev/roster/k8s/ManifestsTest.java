package dev.roster.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.events.Topics;
import dev.roster.testing.RequiresTools;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every overlay renders, every object in it is exactly what the Kubernetes models (and the Prometheus operator's)
 * know, and every Deployment holds to what an operator expects of one (issue #15).
 */
@RequiresTools("kubectl")
class ManifestsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

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
    void nothingReachesOrLeavesARosterPodThatAPolicyDoesNotAdmit(String overlay) {
        NetworkPolicy deny = Manifests.named(overlay, NetworkPolicy.class, "default-deny");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        assertThat(Manifests.of(overlay, Deployment.class)).allSatisfy(deployment -> assertThat(
                selects(deny.getSpec().getPodSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels()))
                .as("default-deny selects %s", deployment.getMetadata().getName()).isTrue());
        // the pods the operators run (Kafka, PostgreSQL) are theirs to police: a Roster policy selecting them would
        // cut their own traffic
        assertThat(Manifests.of(overlay, NetworkPolicy.class)).allSatisfy(policy -> assertThat(selects(
                policy.getSpec().getPodSelector(), Map.of("strimzi.io/cluster", "roster-kafka", "cnpg.io/cluster", "roster-db",
                        "app.kubernetes.io/part-of", "roster"))).as(policy.getMetadata().getName()).isFalse());
    }

    /**
     * Between Roster's own pods, only the pairs the code calls are admitted: the gateway every service, every service
     * user-service (signing keys), and user-service training-service and notification-service (the impact preview).
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podsOfRosterReachOnlyTheServicesTheyCall(String overlay) {
        Map<String, Set<String>> calls = Map.of(
                "gateway", Set.of("user-service", "training-service", "notification-service", "import-service"),
                "user-service", Set.of("training-service", "notification-service"),
                "training-service", Set.of("user-service"),
                "notification-service", Set.of("user-service"),
                "import-service", Set.of("user-service"));
        for (String source : Manifests.SERVICES) {
            for (String target : Manifests.SERVICES) {
                if (!source.equals(target)) {
                    assertThat(admits(overlay, source, target)).as("%s reaches %s", source, target)
                            .isEqualTo(calls.getOrDefault(source, Set.of()).contains(target));
                }
            }
        }
    }

    /** Whether an ingress rule of a policy selecting {@code target}'s pods admits {@code source}'s pods. */
    private static boolean admits(String overlay, String source, String target) {
        Map<String, String> from = Manifests.named(overlay, Deployment.class, source).getSpec().getTemplate().getMetadata()
                .getLabels();
        Map<String, String> to = Manifests.named(overlay, Deployment.class, target).getSpec().getTemplate().getMetadata()
                .getLabels();
        return Manifests.of(overlay, NetworkPolicy.class).stream()
                .filter(policy -> selects(policy.getSpec().getPodSelector(), to) && policy.getSpec().getIngress() != null)
                .flatMap(policy -> policy.getSpec().getIngress().stream())
                .filter(rule -> rule.getFrom() != null)
                .flatMap(rule -> rule.getFrom().stream())
                .anyMatch(peer -> peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                        && selects(peer.getPodSelector(), from));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyTopicTheCodeUsesIsAKafkaTopicOfTheClusterTheServicesUse(String overlay) throws Exception {
        Kafka kafka = Manifests.named(overlay, Kafka.class, "roster-kafka");
        Map<String, KafkaTopic> topics = Manifests.of(overlay, KafkaTopic.class).stream().collect(Collectors.toMap(
                topic -> topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName(),
                topic -> topic));
        List<String> used = new java.util.ArrayList<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("DEAD_LETTER_SUFFIX")) {
                used.add((String) field.get(null));
            }
        }
        assertThat(used).hasSizeGreaterThanOrEqualTo(5);
        for (String topic : used) {
            assertThat(topics).containsKey(topic);
            // the access state is read whole by every service, not through the EventProcessor: no dead letters
            if (!topic.equals(Topics.USER_ACCESS)) {
                assertThat(topics).containsKey(Topics.deadLetter(topic));
            }
        }
        assertThat(topics.keySet()).allSatisfy(name -> assertThat(used).contains(name.replace(Topics.DEAD_LETTER_SUFFIX, "")));
        assertThat(topics.values()).allSatisfy(topic ->
                assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
        assertThat(topics.get(Topics.USER_ACCESS).getSpec().getConfig()).containsEntry("cleanup.policy", "compact");

        // where the services connect: the cluster's bootstrap service and its plain listener
        assertThat(kafka.getSpec().getKafka().getListeners()).anySatisfy(listener -> assertThat(
                Manifests.named(overlay, ConfigMap.class, "roster-config").getData().get("kafka-bootstrap-servers"))
                .isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort()));
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false);
        // the v1 API: nodes are in pools; no ZooKeeper
        assertThat(kafka.getSpec().getZookeeper()).isNull();
        assertThat(kafka.getSpec().getKafka().getReplicas()).isNull();
        assertThat(kafka.getSpec().getKafka().getStorage()).isNull();
        assertThat(Manifests.of(overlay, KafkaNodePool.class)).isNotEmpty().allSatisfy(pool ->
                assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceWithADatabaseOwnsItThroughItsOwnRole(String overlay) {
        CloudNativePg.Cluster cluster = Manifests.cloudNativePg(overlay, CloudNativePg.Cluster.class).getFirst();
        assertThat(Manifests.named(overlay, ConfigMap.class, "roster-config").getData().get("postgres-host"))
                .isEqualTo(cluster.metadata().getName() + "-rw");
        Map<String, CloudNativePg.Role> roles = cluster.spec().managed().roles().stream()
                .collect(Collectors.toMap(CloudNativePg.Role::name, role -> role));
        List<CloudNativePg.Database> databases = Manifests.cloudNativePg(overlay, CloudNativePg.Database.class);
        int withDatabase = 0;
        for (Deployment deployment : Manifests.of(overlay, Deployment.class)) {
            Map<String, EnvVar> env = env(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst());
            if (!env.containsKey("ROSTER_POSTGRES_DATABASE")) {
                continue;
            }
            withDatabase++;
            String name = env.get("ROSTER_POSTGRES_DATABASE").getValue();
            String secret = env.get("ROSTER_POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getName();
            assertThat(env.get("ROSTER_POSTGRES_USER").getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
            CloudNativePg.Database database = databases.stream().filter(candidate -> candidate.spec().name().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no Database " + name));
            assertThat(database.spec().cluster().name()).isEqualTo(cluster.metadata().getName());
            CloudNativePg.Role owner = roles.get(database.spec().owner());
            assertThat(owner).as("the owner of %s is a managed role", name).isNotNull();
            assertThat(owner.login()).isTrue();
            assertThat(owner.superuser() || owner.createdb() || owner.createrole()).isFalse();
            assertThat(owner.passwordSecret().name()).isEqualTo(secret);
            // one role per service, owning one database
            assertThat(databases).filteredOn(other -> other.spec().owner().equals(owner.name())).hasSize(1);
        }
        assertThat(withDatabase).isEqualTo(4);
        assertThat(cluster.spec().imageName()).matches(".+:[0-9][A-Za-z0-9._-]*$");
    }

    @Test
    void productionRunsAtLeastTwoOfEverySpreadOverNodesAndThreeOfKafkaAndPostgres() {
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

        assertThat(Manifests.of("production", KafkaNodePool.class)).filteredOn(pool -> pool.getSpec().getRoles()
                .contains(ProcessRoles.BROKER)).extracting(pool -> pool.getSpec().getReplicas()).containsOnly(3);
        assertThat(Manifests.of("production", KafkaNodePool.class)).filteredOn(pool -> pool.getSpec().getRoles()
                .contains(ProcessRoles.CONTROLLER)).extracting(pool -> pool.getSpec().getReplicas()).containsOnly(3);
        assertThat(Manifests.of("production", KafkaTopic.class)).allSatisfy(topic -> {
            assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
            assertThat(topic.getSpec().getConfig()).containsEntry("min.insync.replicas", 2);
        });
        CloudNativePg.Cluster database = Manifests.cloudNativePg("production", CloudNativePg.Cluster.class).getFirst();
        assertThat(database.spec().instances()).isEqualTo(3);
        assertThat(database.spec().affinity().podAntiAffinityType()).isEqualTo("required");
    }

    /**
     * The dashboard and the alerts read only metrics the services publish: each {@code roster_*} name is a meter the
     * code registers (as Prometheus names it: dots to underscores, with its unit and type suffixes).
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theDashboardAndTheAlertsReadMetricsTheServicesPublish(String overlay) throws IOException {
        Set<String> published = new TreeSet<>();
        Pattern meter = Pattern.compile("\"(roster\\.[a-z0-9.-]+)\"");
        try (var files = Files.walk(Manifests.REPOSITORY)) {
            for (var file : files.filter(path -> path.toString().endsWith(".java") && path.toString().contains("/src/main/java/"))
                    .toList()) {
                Matcher name = meter.matcher(Files.readString(file));
                while (name.find()) {
                    published.add(name.group(1).replace('.', '_').replace('-', '_'));
                }
            }
        }
        List<String> queries = new java.util.ArrayList<>();
        Manifests.named(overlay, PrometheusRule.class, "roster").getSpec().getGroups()
                .forEach(group -> group.getRules().forEach(rule -> queries.add(rule.getExpr().getStrVal())));
        JsonNode dashboard = new ObjectMapper().readTree(
                Manifests.named(overlay, ConfigMap.class, "roster-dashboard").getData().get("roster-dashboard.json"));
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> queries.add(target.get("expr").asText())));
        assertThat(queries).hasSizeGreaterThan(10);

        Pattern used = Pattern.compile("\\broster_[a-z0-9_]+");
        for (String query : queries) {
            Matcher name = used.matcher(query);
            while (name.find()) {
                String metric = name.group();
                assertThat(published).as("%s in %s", metric, query).anySatisfy(base -> assertThat(metric)
                        .matches(Pattern.quote(base) + "(_seconds)?(_total|_bucket|_count|_sum|_max)?"));
            }
        }
    }

    /** Whether {@code selector} (labels and In/NotIn/Exists expressions) selects a pod with {@code labels}. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        boolean byLabels = selector.getMatchLabels() == null || selector.getMatchLabels().entrySet().stream()
                .allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
        boolean byExpressions = selector.getMatchExpressions() == null || selector.getMatchExpressions().stream()
                .allMatch(expression -> switch (expression.getOperator()) {
                    case "In" -> expression.getValues().contains(labels.get(expression.getKey()));
                    case "NotIn" -> !expression.getValues().contains(labels.get(expression.getKey()));
                    case "Exists" -> labels.containsKey(expression.getKey());
                    case "DoesNotExist" -> !labels.containsKey(expression.getKey());
                    default -> throw new IllegalArgumentException(expression.getOperator());
                });
        return byLabels && byExpressions;
    }

    private static Map<String, EnvVar> env(Container container) {
        Map<String, EnvVar> byName = new java.util.LinkedHashMap<>();
        container.getEnv().forEach(env -> assertThat(byName.put(env.getName(), env)).as("%s set twice", env.getName()).isNull());
        return byName;
    }
}
