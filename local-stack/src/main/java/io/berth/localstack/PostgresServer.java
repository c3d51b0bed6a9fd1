package io.berth.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server from the binaries on Maven Central. With a data directory that already
 * holds a cluster, the server starts on it as it is, so data survives restarts. PostgreSQL refuses
 * to run as root; the embedded launcher runs it in a user namespace then.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL, stopped when the JVM exits (by the library's own shutdown hook) if not closed before. */
    public static PostgresServer start(Path dataDir, int port) {
        return start(dataDir, port, true);
    }

    /**
     * Starts PostgreSQL; with {@code stopAtExit} false the caller alone stops it ({@link #close()}). The launcher
     * does, last, after the services: the library's hook would run beside the launcher's own, so the database
     * went away while the services were still stopping, and they retried against it for half a minute.
     */
    public static PostgresServer start(Path dataDir, int port, boolean stopAtExit) {
        try {
            Files.createDirectories(dataDir.getParent());
            Path binaries = dataDir.getParent().resolve("pg-binaries");
            Files.createDirectories(binaries);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPort(port)
                    .setPgBinaryResolver(PostgresServer::binaries)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setRegisterShutdownHook(stopAtExit)
                    .start();
            return new PostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    /**
     * The binaries archive from the class path. The library's own resolver refuses to choose when
     * a class loader lists the same jar twice, as Quarkus's test class loaders do after a restart.
     */
    private static InputStream binaries(String system, String machineHardware) throws IOException {
        String arch = machineHardware.toLowerCase(Locale.ROOT).replace("amd64", "x86_64");
        String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + ".txz";
        InputStream archive = PostgresServer.class.getClassLoader().getResourceAsStream(name);
        if (archive == null) {
            throw new IOException("No PostgreSQL binaries " + name + " on the class path");
        }
        return archive;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public DataSource adminDataSource() {
        return postgres.getPostgresDatabase();
    }

    /** Creates {@code database} unless it exists. */
    public static void createDatabase(DataSource admin, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Creating database " + database + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
