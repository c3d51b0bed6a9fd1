package io.berth.testsupport;

import io.berth.localstack.Directories;
import io.berth.localstack.KafkaBroker;
import io.berth.localstack.PostgresServer;
import io.berth.events.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real Kafka broker and one real PostgreSQL for the whole test JVM: started on first use on
 * free ports with their data in a temporary directory, stopped and deleted when the JVM exits.
 */
public final class SharedInfrastructure {

    public static final String DATABASE = "berth_test";

    private static SharedInfrastructure instance;

    private final Path workDir;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    private SharedInfrastructure(Path workDir, KafkaBroker kafka, PostgresServer postgres) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "berth-test-infra-stop"));
        }
        return instance;
    }

    private static SharedInfrastructure start() {
        // The broker logs every step of its start at INFO; tests want its warnings only.
        java.util.logging.Logger.getLogger("kafka").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        try {
            Path workDir = Files.createTempDirectory("berth-test-infra");
            PostgresServer postgres = PostgresServer.start(workDir.resolve("postgres"), freePort());
            PostgresServer.createDatabase(postgres.adminDataSource(), DATABASE);
            KafkaBroker kafka = KafkaBroker.start(workDir.resolve("kafka"), freePort(), freePort());
            KafkaBroker.createTopics(kafka.bootstrapServers(), KafkaBroker.berthTopics(), Topic.DEFAULT_PARTITIONS);
            return new SharedInfrastructure(workDir, kafka, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /**
     * A new empty database on the shared server, for a test that needs the schema at a version of its
     * own (a migration test); returns its JDBC URL.
     */
    public String newDatabase(String name) {
        PostgresServer.createDatabase(postgres.adminDataSource(), name);
        return postgres.jdbcUrl(name);
    }

    public String dbUser() {
        return PostgresServer.USER;
    }

    private void stop() {
        try {
            kafka.close();
        } finally {
            try {
                postgres.close();
            } finally {
                Directories.deleteQuietly(workDir);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
