package dev.roster.platform.observability;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.util.context.ContextView;

/**
 * The trace a piece of work belongs to, as the headers that carry it to another process: W3C {@code traceparent}
 * (and {@code tracestate}) and the request id travelling as baggage. The outbox keeps them with each event it
 * records and the relay puts them on the Kafka record, so that the consumers continue the trace of the request
 * that caused the event ({@link dev.roster.platform.kafka.EventProcessor}).
 */
public class TraceHeaders {

    /** The gateway's request id: an HTTP header, baggage, a Kafka header and a key of the log context, by this one name. */
    public static final String REQUEST_ID = "X-Request-Id";

    private final Tracer tracer;
    private final Propagator propagator;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    public TraceHeaders(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The headers of the trace that the work running with {@code context} belongs to; empty outside any trace. */
    public Map<String, String> of(ContextView context) {
        Map<String, String> headers = new LinkedHashMap<>();
        // the observation of the request (or of the event being applied) lives in the Reactor context; in scope
        // for a moment, it is the tracer's current span, with the baggage that came with it
        try (ContextSnapshot.Scope scope = snapshots.setThreadLocalsFrom(context)) {
            TraceContext current = tracer.currentTraceContext().context();
            if (current != null) {
                propagator.inject(current, headers, Map::put);
            }
        }
        return headers;
    }
}
