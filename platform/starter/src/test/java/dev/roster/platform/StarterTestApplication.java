package dev.roster.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service for the starter's tests: a database, Kafka, and the platform's auto-configuration. */
@SpringBootApplication
public class StarterTestApplication {
}
