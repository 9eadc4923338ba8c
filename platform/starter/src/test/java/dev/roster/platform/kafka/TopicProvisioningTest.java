package dev.roster.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.testing.KraftBroker;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A service that starts while its broker does not answer still gets its topics: once the broker is there, they are
 * created without a restart (the outbox could otherwise never publish to them).
 */
class TopicProvisioningTest {

    @Test
    void topicsAreCreatedOnceTheBrokerAnswersAfterTheServiceStarted() throws Exception {
        int port = freePort();
        String bootstrap = "localhost:" + port;
        KafkaAdmin admin = admin(bootstrap);
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean("ordersTopic", NewTopic.class, () -> new NewTopic("test.provisioned", 1, (short) 1));
            context.refresh();
            admin.setApplicationContext(context);
            TopicProvisioning provisioning = new TopicProvisioning(admin, List.of("test.provisioned"), true);

            provisioning.start();
            assertThat(provisioning.provisioned()).isFalse();

            Path data = Files.createTempDirectory("roster-provisioning");
            try (KraftBroker broker = KraftBroker.start(port, freePort(), 1, data, false)) {
                await().atMost(Duration.ofSeconds(60)).until(provisioning::provisioned);
                try (Admin client = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                    assertThat(client.listTopics().names().get()).contains("test.provisioned");
                }
            }
            finally {
                provisioning.stop();
            }
        }
    }

    @Test
    void whereAnOperatorManagesTheTopicsTheServiceCreatesNoneAndWaitsUntilTheyAreThere() throws Exception {
        int port = freePort();
        String bootstrap = "localhost:" + port;
        KafkaAdmin admin = admin(bootstrap);
        Path data = Files.createTempDirectory("roster-provisioning");
        // auto.create.topics.enable is off, as on a cluster whose topics an operator manages
        try (KraftBroker broker = KraftBroker.start(port, freePort(), 1, data, false);
                GenericApplicationContext context = new GenericApplicationContext();
                Admin client = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            context.registerBean("managedTopic", NewTopic.class, () -> new NewTopic("test.managed", 1, (short) 1));
            context.refresh();
            admin.setApplicationContext(context);
            TopicProvisioning provisioning = new TopicProvisioning(admin, List.of("test.managed"), false);

            provisioning.start();
            try {
                assertThat(provisioning.provisioned()).isFalse();
                assertThat(client.listTopics().names().get()).doesNotContain("test.managed");

                // the operator creates it
                client.createTopics(List.of(new NewTopic("test.managed", 1, (short) 1))).all().get();
                await().atMost(Duration.ofSeconds(60)).until(provisioning::provisioned);
            }
            finally {
                provisioning.stop();
            }
        }
    }

    @Test
    void aServiceWithoutTopicsHasNothingToWaitFor() {
        KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"));
        TopicProvisioning provisioning = new TopicProvisioning(admin, List.of(), true);

        provisioning.start();

        assertThat(provisioning.provisioned()).isTrue();
        provisioning.stop();
    }

    /** An admin that gives up quickly on a broker that does not answer. */
    private static KafkaAdmin admin(String bootstrap) {
        KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000));
        admin.setOperationTimeout(2);
        return admin;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
