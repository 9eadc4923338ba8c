package dev.roster.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An overlay as {@code kubectl kustomize} renders it, read into Kubernetes' typed models; and the strict check
 * those models do not make by themselves: a field they do not know lands in {@code additionalProperties} quietly.
 */
final class Manifests {

    /** deploy/k8s, where Maven runs the tests. */
    static final Path HOME = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = HOME.getParent().getParent();
    static final List<String> OVERLAYS = List.of("dev", "production");
    static final List<String> SERVICES = List.of("user-service", "training-service", "notification-service",
            "import-service", "gateway");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();
    private static final Map<String, List<Object>> CLOUDNATIVE_PG = new ConcurrentHashMap<>();
    /** The Strimzi operator's kinds by name; its Java model is published (io.strimzi:api). */
    private static final Map<String, Class<? extends HasMetadata>> STRIMZI = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class);

    private Manifests() {
    }

    /** Every object of {@code overlay}, rendered once per test run. */
    static List<HasMetadata> of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    /** The CloudNativePG objects of {@code overlay}, in {@link CloudNativePg}'s strict model. */
    static <T> List<T> cloudNativePg(String overlay, Class<T> kind) {
        of(overlay);
        return CLOUDNATIVE_PG.get(overlay).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends HasMetadata> List<T> of(String overlay, Class<T> kind) {
        return of(overlay).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends HasMetadata> T named(String overlay, Class<T> kind, String name) {
        return of(overlay, kind).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no " + kind.getSimpleName() + " " + name));
    }

    /** The rendered text of {@code overlay}: {@code kubectl kustomize}, which needs no cluster. */
    static String text(String overlay) {
        Path directory = HOME.resolve("overlays").resolve(overlay);
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectError(errors.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: " + Files.readString(errors));
            }
            Files.delete(errors);
            return out;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("kubectl is needed to render the overlays (kubectl kustomize)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static List<HasMetadata> render(String overlay) {
        List<HasMetadata> objects = new ArrayList<>();
        List<Object> cloudNativePg = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(text(overlay))) {
            if (document.isBlank()) {
                continue;
            }
            Map<?, ?> fields = SERIALIZATION.unmarshal(document, Map.class);
            String apiVersion = String.valueOf(fields.get("apiVersion"));
            if (apiVersion.equals(CloudNativePg.API_VERSION)) {
                cloudNativePg.add(CloudNativePg.read(fields));
            }
            else if (apiVersion.startsWith("kafka.strimzi.io/") && STRIMZI.containsKey(fields.get("kind"))) {
                objects.add(SERIALIZATION.unmarshal(document, STRIMZI.get(fields.get("kind"))));
            }
            else {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        CLOUDNATIVE_PG.put(overlay, List.copyOf(cloudNativePg));
        return List.copyOf(objects);
    }

    /**
     * What of {@code object} its model did not understand: a kind no model knows, a field no model has (at any
     * depth), a value its type refuses (a quantity like {@code 1Gb}). Empty when the object is exactly as typed.
     */
    static List<String> misfits(HasMetadata object) {
        List<String> misfits = new ArrayList<>();
        String where = object.getKind() + " " + object.getMetadata().getName();
        if (object instanceof GenericKubernetesResource) {
            misfits.add(where + ": no model knows " + object.getApiVersion() + " " + object.getKind());
            return misfits;
        }
        walk(object, where, misfits);
        return misfits;
    }

    private static void walk(Object node, String path, List<String> misfits) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", misfits);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, path + "." + key, misfits));
            return;
        }
        if (!(node.getClass().getName().startsWith("io.fabric8.") || node.getClass().getName().startsWith("io.strimzi."))
                || node.getClass().isEnum()) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            }
            catch (InvocationTargetException ex) {
                misfits.add(path + ": " + getter.getName() + " refuses its value: " + ex.getCause().getMessage());
                continue;
            }
            catch (IllegalAccessException ex) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    misfits.add(path + ": unknown fields " + unknown.keySet());
                }
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(value, path + "." + property, misfits);
        }
    }
}
