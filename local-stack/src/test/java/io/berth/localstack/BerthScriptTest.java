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
 * launcher's JVM (ADR 0059), and which archive it keeps (ADR 0062). The fake {@code java} writes the archive it is
 * told to write at exit, as the JVM does, and the launcher's marker when {@code FAKE_LAUNCHER} is "full start" (the
 * default), as the launcher does once every service is ready. That the JVM writes and maps the archive is what the
 * stack's own runs show (system-tests' LocalStackIT, benchmarks' startup-time.sh).
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
        Files.writeString(bin.resolve("java"), """
                #!/bin/sh
                for a in "$@"; do
                  echo "$a"
                  case "$a" in
                    -XX:ArchiveClassesAtExit=*) out="${a#*=}" ;;
                    -Dberth.launcher.archive-kept=*) kept="${a#*=}" ;;
                  esac
                done
                launcher="${FAKE_LAUNCHER:-full start}"
                [ -z "$out" ] || printf 'archive of a %s' "$launcher" > "$out"
                [ -z "$kept" ] || [ "$launcher" != "full start" ] || : > "$kept"
                exit "${FAKE_EXIT:-0}"
                """.stripLeading());
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theFirstUpAfterABuildWritesTheLaunchersArchiveAsItExits() throws Exception {
        assertThat(up(Map.of())).contains("-Xlog:cds=error")
                .anyMatch(BerthScriptTest::writesTheArchive)
                .anyMatch(arg -> arg.matches(
                        "-Dberth\\.launcher\\.archive-kept=local-stack/target/berth-local-stack\\.jsa\\.kept\\.\\d+"))
                .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));
        assertThat(archive).hasContent("archive of a full start");
        assertLeftNothingBehind();
    }

    @Test
    void anUpThatFoundAStackRunningKeepsNoArchiveAndSaysWhyItFailed() throws Exception {
        assertThat(exitStatusOfUp(Map.of("FAKE_LAUNCHER", "already running", "FAKE_EXIT", "1"))).isEqualTo(1);
        assertThat(archive).doesNotExist();
        assertLeftNothingBehind();

        // The next up writes one again, and keeps it once its stack has come up.
        assertThat(up(Map.of())).anyMatch(BerthScriptTest::writesTheArchive);
        assertThat(archive).hasContent("archive of a full start");
    }

    @Test
    void aStackStoppedBeforeItWasUpKeepsNoArchiveAndTheExitStatusIsTheLaunchers() throws Exception {
        // Ctrl-C or ./berth down during the start: the JVM exits 130 or 143 and writes a partial archive.
        assertThat(exitStatusOfUp(Map.of("FAKE_LAUNCHER", "stopped while starting", "FAKE_EXIT", "143")))
                .isEqualTo(143);
        assertThat(archive).doesNotExist();
        assertLeftNothingBehind();
    }

    @Test
    void aStackThatCameUpKeepsItsArchiveWhateverItsExitStatus() throws Exception {
        // ./berth down after the start: SIGTERM, exit 143.
        assertThat(exitStatusOfUp(Map.of("FAKE_EXIT", "143"))).isEqualTo(143);
        assertThat(archive).hasContent("archive of a full start");
        assertLeftNothingBehind();
    }

    @Test
    void laterUpsMapTheArchiveTheFirstWrote() throws Exception {
        writeArchive(Instant.now().plusSeconds(60));
        assertThat(up(Map.of())).contains("-XX:SharedArchiveFile=local-stack/target/berth-local-stack.jsa")
                .noneMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit") || arg.contains("archive-kept"));
        assertThat(archive).hasContent("archive");
    }

    @Test
    void aRebuiltJarOrLibraryMakesTheArchiveStaleSoItIsWrittenAgain() throws Exception {
        writeArchive(Instant.now().minusSeconds(60));
        assertThat(up(Map.of())).anyMatch(BerthScriptTest::writesTheArchive);
        assertThat(archive).hasContent("archive of a full start");

        // Only a library rebuilt in place: the jar and the lib directory are older than the archive.
        writeArchive(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(120)));
        Files.setLastModifiedTime(jar.resolveSibling("lib"), FileTime.from(Instant.now().minusSeconds(120)));
        assertThat(up(Map.of())).anyMatch(BerthScriptTest::writesTheArchive);
    }

    @Test
    void anEmptyArchiveIsNotMapped() throws Exception {
        Files.writeString(archive, "");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(up(Map.of())).anyMatch(BerthScriptTest::writesTheArchive);
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

    @Test
    void whatAKilledUpLeftIsRemovedAndWhatARunningUpWritesIsNot() throws Exception {
        // A pid that is not running (beyond Linux's pid_max) and one that is: this JVM's.
        Path killed = archive.resolveSibling("berth-local-stack.jsa.new.4194999");
        Path killedMarker = archive.resolveSibling("berth-local-stack.jsa.kept.4194999");
        Path running = archive.resolveSibling("berth-local-stack.jsa.kept." + ProcessHandle.current().pid());
        for (Path file : List.of(killed, killedMarker, running)) {
            Files.writeString(file, "");
        }

        assertThat(up(Map.of())).anyMatch(BerthScriptTest::writesTheArchive);

        assertThat(killed).doesNotExist();
        assertThat(killedMarker).doesNotExist();
        assertThat(running).exists();
        assertThat(archive).hasContent("archive of a full start");
    }

    private static boolean writesTheArchive(String arg) {
        return arg.matches("-XX:ArchiveClassesAtExit=local-stack/target/berth-local-stack\\.jsa\\.new\\.\\d+");
    }

    /** No temporary archive and no marker: what the JVM wrote is either the archive or gone. */
    private void assertLeftNothingBehind() throws IOException {
        try (var files = Files.list(archive.getParent())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("berth-local-stack.jsa."));
        }
    }

    /** The arguments {@code ./berth up} passed to {@code java}, one per element. */
    private List<String> up(Map<String, String> environment) throws Exception {
        Process process = start(environment);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    /** The exit status of {@code ./berth up} run to its end. */
    private int exitStatusOfUp(Map<String, String> environment) throws Exception {
        Process process = start(environment);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private Process start(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("berth").toString(), "up").redirectErrorStream(true);
        builder.environment().put("PATH", root.resolve("fake-bin") + ":" + System.getenv("PATH"));
        builder.environment().remove("BERTH_LAUNCHER_OPTS");
        builder.environment().remove("BERTH_LAUNCHER_CDS");
        builder.environment().putAll(environment);
        return builder.start();
    }
}
