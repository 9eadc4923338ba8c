package dev.roster.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * CloudNativePG's kinds, as far as Roster uses them: the operator publishes no Java model, so this is a minimal one
 * (field names from the {@code postgresql.cnpg.io/v1} API reference), read strictly: a field it does not have is
 * an error, so that a misspelt field fails here instead of being ignored by the cluster.
 */
final class CloudNativePg {

    static final String API_VERSION = "postgresql.cnpg.io/v1";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CloudNativePg() {
    }

    /** {@code document} as a Cluster or a Database; an error for any other kind or any field not modelled. */
    static Object read(Map<?, ?> document) {
        try {
            return convert(document);
        }
        catch (IllegalArgumentException ex) {
            throw new AssertionError(document.get("kind") + " " + ((Map<?, ?>) document.get("metadata")).get("name")
                    + " is not what " + API_VERSION + " knows: " + ex.getMessage(), ex);
        }
    }

    private static Object convert(Map<?, ?> document) {
        return switch (String.valueOf(document.get("kind"))) {
            case "Cluster" -> STRICT.convertValue(document, Cluster.class);
            case "Database" -> STRICT.convertValue(document, Database.class);
            default -> throw new IllegalArgumentException("no model of " + API_VERSION + " " + document.get("kind"));
        };
    }

    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(int instances, String imageName, Storage storage, Postgresql postgresql, Monitoring monitoring,
            Managed managed, Affinity affinity) {
    }

    record Storage(String size) {
    }

    record Postgresql(Map<String, String> parameters) {
    }

    record Monitoring(boolean enablePodMonitor) {
    }

    record Managed(List<Role> roles) {
    }

    record Role(String name, String ensure, boolean login, boolean superuser, boolean createdb, boolean createrole,
            LocalReference passwordSecret) {
    }

    record Affinity(boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {
    }

    record Database(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) {
    }

    record DatabaseSpec(String name, String owner, LocalReference cluster, String ensure) {
    }

    record LocalReference(String name) {
    }
}
