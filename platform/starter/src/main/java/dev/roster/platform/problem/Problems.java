package dev.roster.platform.problem;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;

/** Roster's problem types: {@code https://roster.dev/problems/<slug>}. */
public final class Problems {

    public static final String BASE = "https://roster.dev/problems/";

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "bad-request"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(412, "precondition-failed"),
            Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable"),
            Map.entry(428, "precondition-required"),
            Map.entry(429, "too-many-requests"),
            Map.entry(500, "internal-error"),
            Map.entry(502, "bad-gateway"),
            Map.entry(503, "service-unavailable"),
            Map.entry(504, "gateway-timeout"));

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(BASE + slug);
    }

    /** The generic slug of an HTTP status, for problems that have no more specific one. */
    public static String slugOf(HttpStatusCode status) {
        return SLUGS.getOrDefault(status.value(), status.is4xxClientError() ? "bad-request" : "internal-error");
    }
}
