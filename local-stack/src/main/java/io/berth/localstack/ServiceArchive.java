package io.berth.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service's own class data archive (ADR 0067), beside its {@code quarkus-run.jar}: the classes a whole start
 * loaded, Quarkus' class loader's among them, which a later start maps instead of parsing and verifying them again.
 *
 * <p>With no archive, or one older than a file of the build ({@code target/quarkus-app}), the service runs with
 * {@code -XX:ArchiveClassesAtExit} and its JVM writes {@link #written()} as it exits; the launcher then
 * {@link #keep()}s it only if the stack had come up and the service stopped by itself, and {@link #discard()}s it
 * otherwise (a start cut short loaded only part of the classes). With a current archive the service runs with
 * {@code -XX:SharedArchiveFile}; a JVM that cannot use it (another JDK, a damaged file) runs without it.
 */
final class ServiceArchive {

    static final String FILE_NAME = "berth-service.jsa";

    private final Path archive;
    private final Path written;
    private boolean writing;

    ServiceArchive(Path quarkusApp) {
        this.archive = quarkusApp.resolve(FILE_NAME);
        this.written = quarkusApp.resolve(FILE_NAME + ".new");
    }

    static ServiceArchive of(ServiceSpec spec, Path repoRoot) {
        return new ServiceArchive(spec.runner(repoRoot).getParent());
    }

    Path archive() {
        return archive;
    }

    Path written() {
        return written;
    }

    /** Whether this start writes the archive at the service's exit. */
    boolean writing() {
        return writing;
    }

    /**
     * The JVM flags of this start: map the archive if it is current, write it at exit if not (removing the stale one
     * and whatever an earlier launcher that was killed left).
     */
    List<String> javaOptions() {
        try {
            Files.deleteIfExists(written);
            if (isCurrent()) {
                writing = false;
                return List.of("-XX:SharedArchiveFile=" + archive);
            }
            Files.deleteIfExists(archive);
            writing = true;
            // Writing it warns of every class it skips (classes never linked, old class files): lines that are none
            // of the user's business in the service's log.
            return List.of("-XX:ArchiveClassesAtExit=" + written, "-Xlog:cds=error");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + archive, e);
        }
    }

    /** An archive that is not empty and newer than every other file of the build it was made from. */
    boolean isCurrent() throws IOException {
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(archive);
        try (Stream<Path> files = Files.walk(archive.getParent())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(FILE_NAME))
                    .noneMatch(file -> modified(file).compareTo(made) > 0);
        }
    }

    /** Puts what the service's JVM wrote at exit in the archive's place. */
    void keep() throws IOException {
        if (Files.isRegularFile(written) && Files.size(written) > 0) {
            Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(written);
        }
    }

    void discard() throws IOException {
        Files.deleteIfExists(written);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
