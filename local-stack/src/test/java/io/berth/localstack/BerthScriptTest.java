package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./berth} script, run as it is on a copy of the repository's layout whose jars are empty
 * files and whose {@code java} prints the arguments it was given: which flags {@code ./berth up} gives the
 * launcher's JVM (ADR 0059). That the JVM writes and maps the archive is what the stack's own runs show
 * (system-tests' LocalStackIT, benchmarks' startup-time.sh).
 */
class BerthScriptTest {

    private static final List<String> SERVICES = ServiceSpec.ALL.stream().map(ServiceSpec::name).toList();

    @TempDir
    Path root;

    private Path archive;
    private Path jar;

    @BeforeEach
    void copyTheScriptBesideBuiltJars() throws IOException {
        Path script = Path.of(System.getProperty("berth.repo.root", "..")).resolve("berth");
        Files.copy(script, root.resolve("berth"));
        root.resolve("berth").toFile().setExecutable(true);
        jar = root.resolve("local-stack/target/berth-local-stack.jar");
        archive = root.resolve("local-stack/target/berth-local-stack.jsa");
        Files.createDirectories(jar.getParent().resolve("lib"));
        Files.writeString(jar, "");
        Files.writeString(jar.getParent().resolve("lib/kafka_2.13.jar"), "");
        for (String service : SERVICES) {
            Path runner = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(runner.getParent());
            Files.writeString(runner, "");
        }
        Path bin = Files.createDirectories(root.resolve("fake-bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theFirstUpAfterABuildWritesTheLaunchersArchiveAsItExits() throws Exception {
        assertThat(up(Map.of())).contains("-XX:ArchiveClassesAtExit=local-stack/target/berth-local-stack.jsa",
                        "-Xlog:cds=error")
                .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void laterUpsMapTheArchiveTheFirstWrote() throws Exception {
        writeArchive(Instant.now().plusSeconds(60));
        assertThat(up(Map.of())).contains("-XX:SharedArchiveFile=local-stack/target/berth-local-stack.jsa")
                .noneMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit"));
        assertThat(archive).exists();
    }

    @Test
    void aRebuiltJarOrLibraryMakesTheArchiveStaleSoItIsWrittenAgain() throws Exception {
        writeArchive(Instant.now().minusSeconds(60));
        assertThat(up(Map.of())).contains("-XX:ArchiveClassesAtExit=local-stack/target/berth-local-stack.jsa");
        assertThat(archive).doesNotExist();

        // Only a library rebuilt in place: the jar and the lib directory are older than the archive.
        writeArchive(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(120)));
        Files.setLastModifiedTime(jar.resolveSibling("lib"), FileTime.from(Instant.now().minusSeconds(120)));
        assertThat(up(Map.of())).contains("-XX:ArchiveClassesAtExit=local-stack/target/berth-local-stack.jsa");
    }

    @Test
    void anEmptyArchiveIsNotMapped() throws Exception {
        Files.writeString(archive, "");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(up(Map.of())).contains("-XX:ArchiveClassesAtExit=local-stack/target/berth-local-stack.jsa");
    }

    @Test
    void berthLauncherCdsZeroLeavesTheArchiveOut() throws Exception {
        writeArchive(Instant.now().plusSeconds(60));
        assertThat(up(Map.of("BERTH_LAUNCHER_CDS", "0")))
                .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile") || arg.startsWith("-XX:ArchiveClassesAtExit"))
                .containsSubsequence("-jar", "local-stack/target/berth-local-stack.jar", "up");
    }

    @Test
    void theLaunchersOwnOptionsStillReplaceItsDefaultsAndKeepTheArchive() throws Exception {
        writeArchive(Instant.now().plusSeconds(60));
        List<String> args = up(Map.of("BERTH_LAUNCHER_OPTS", "-Xmx1g"));
        assertThat(args).contains("-Xmx1g", "-XX:SharedArchiveFile=local-stack/target/berth-local-stack.jsa")
                .doesNotContain("-Xmx512m");
    }

    private void writeArchive(Instant modified) throws IOException {
        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(archive, FileTime.from(modified));
    }

    /** The arguments {@code ./berth up} passed to {@code java}, one per element. */
    private List<String> up(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("berth").toString(), "up").redirectErrorStream(true);
        builder.environment().put("PATH", root.resolve("fake-bin") + ":" + System.getenv("PATH"));
        builder.environment().remove("BERTH_LAUNCHER_OPTS");
        builder.environment().remove("BERTH_LAUNCHER_CDS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
