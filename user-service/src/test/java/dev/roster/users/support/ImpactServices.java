package dev.roster.users.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.roster.platform.impact.DepartureImpact;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for training-service and notification-service in user-service's tests, so that a
 * test decides how each answers the impact preview's question ({@link DepartureImpact}): what, how late, with which
 * status; and sees what it was asked, with which token. What the real services answer is tested in their own modules
 * and end to end in {@code deploy/local}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ImpactServices implements DisposableBean {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpServer server;
    public final StandIn trainings = new StandIn(request -> new DepartureImpact.Trainings(java.util.List.of(),
            java.util.List.of(), 0));
    public final StandIn notifications = new StandIn(request -> new DepartureImpact.Notifications(java.util.List.of()));

    public ImpactServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/training" + DepartureImpact.PATH, trainings::answer);
        server.createContext("/notifications" + DepartureImpact.PATH, notifications::answer);
        server.start();
    }

    @Bean
    DynamicPropertyRegistrar impactServiceUrls() {
        String base = "http://localhost:" + server.getAddress().getPort();
        return registry -> {
            registry.add("roster.impact.training-service-url", () -> base + "/training");
            registry.add("roster.impact.notification-service-url", () -> base + "/notifications");
        };
    }

    /** Both answer at once with nothing to say, as for people with no trainings and no mail. */
    public void reset() {
        trainings.reset();
        notifications.reset();
    }

    @Override
    public void destroy() {
        server.stop(0);
    }

    /** One service: how it answers, and the last question it was asked. */
    public static final class StandIn {

        private final Function<DepartureImpact.Request, Object> nothing;
        private volatile Function<DepartureImpact.Request, Object> answer;
        private volatile Duration delay = Duration.ZERO;
        private volatile int status = 200;
        private volatile DepartureImpact.Request asked;
        private volatile String authorization;

        StandIn(Function<DepartureImpact.Request, Object> nothing) {
            this.nothing = nothing;
            this.answer = nothing;
        }

        public void answers(Function<DepartureImpact.Request, Object> answer) {
            this.answer = answer;
        }

        public void answersAfter(Duration delay) {
            this.delay = delay;
        }

        public void answersStatus(int status) {
            this.status = status;
        }

        /** The last question, or null when none came since {@link #reset}. */
        public DepartureImpact.Request asked() {
            return asked;
        }

        public String authorization() {
            return authorization;
        }

        void reset() {
            answer = nothing;
            delay = Duration.ZERO;
            status = 200;
            asked = null;
            authorization = null;
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                DepartureImpact.Request request = JSON.readValue(exchange.getRequestBody(), DepartureImpact.Request.class);
                asked = request;
                authorization = exchange.getRequestHeaders().getFirst("Authorization");
                Thread.sleep(delay);
                byte[] body = status == 200 ? JSON.writeValueAsBytes(answer.apply(request))
                        : "{\"title\":\"Internal Server Error\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
