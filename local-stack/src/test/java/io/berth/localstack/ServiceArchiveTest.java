package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceArchiveTest {

    static final FileTime BUILT = FileTime.from(Instant.parse("2020-01-01T10:00:00Z"));
    static final FileTime LATER = FileTime.from(Instant.parse("2020-01-01T10:05:00Z"));

    @TempDir
    Path quarkusApp;
    ServiceArchive archive;

    @BeforeEach
    void aBuiltService() throws IOException {
        Files.createDirectories(quarkusApp.resolve("lib/main"));
        touch(quarkusApp.resolve("quarkus-run.jar"), BUILT);
        touch(quarkusApp.resolve("lib/main/io.berth.ecs-common.jar"), BUILT);
        archive = new ServiceArchive(quarkusApp);
    }

    @Test
    void withNoArchiveTheServiceWritesOneAtExitUnderATemporaryName() {
        assertThat(archive.javaOptions())
                .containsExactly("-XX:ArchiveClassesAtExit=" + quarkusApp.resolve("berth-service.jsa.new"),
                        "-Xlog:cds=error");
        assertThat(archive.writing()).isTrue();
    }

    @Test
    void anArchiveNewerThanTheBuildIsMapped() throws IOException {
        touch(archive.archive(), LATER);
        assertThat(archive.javaOptions())
                .containsExactly("-XX:SharedArchiveFile=" + quarkusApp.resolve("berth-service.jsa"));
        assertThat(archive.writing()).isFalse();
    }

    @Test
    void aRebuiltLibraryMakesTheArchiveStaleSoItIsRemovedAndWrittenAgain() throws IOException {
        touch(archive.archive(), LATER);
        touch(quarkusApp.resolve("lib/main/io.berth.ecs-common.jar"),
                FileTime.from(Instant.parse("2020-01-01T10:06:00Z")));
        assertThat(archive.javaOptions()).first().asString().startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(archive.archive()).doesNotExist();
    }

    @Test
    void anEmptyArchiveIsNotMapped() throws IOException {
        Files.createFile(archive.archive());
        Files.setLastModifiedTime(archive.archive(), LATER);
        assertThat(archive.javaOptions()).first().asString().startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void whatAKilledLauncherLeftIsRemovedAtTheNextStart() throws IOException {
        touch(archive.archive(), LATER);
        touch(archive.written(), LATER);
        archive.javaOptions();
        assertThat(archive.written()).doesNotExist();
        assertThat(archive.archive()).exists();
    }

    @Test
    void keepPutsWhatTheJvmWroteInTheArchivesPlace() throws IOException {
        archive.javaOptions();
        Files.writeString(archive.written(), "classes");
        archive.keep();
        assertThat(archive.archive()).hasContent("classes");
        assertThat(archive.written()).doesNotExist();
        assertThat(new ServiceArchive(quarkusApp).javaOptions()).first().asString()
                .startsWith("-XX:SharedArchiveFile=");
    }

    @Test
    void nothingWrittenOrAnEmptyFileIsNotKept() throws IOException {
        archive.javaOptions();
        archive.keep();
        assertThat(archive.archive()).doesNotExist();
        Files.createFile(archive.written());
        archive.keep();
        assertThat(archive.archive()).doesNotExist();
        assertThat(archive.written()).doesNotExist();
    }

    @Test
    void discardRemovesWhatTheJvmWrote() throws IOException {
        archive.javaOptions();
        Files.writeString(archive.written(), "part of the classes");
        archive.discard();
        assertThat(archive.written()).doesNotExist();
        assertThat(archive.archive()).doesNotExist();
    }

    static void touch(Path file, FileTime time) throws IOException {
        Files.writeString(file, file.getFileName().toString());
        Files.setLastModifiedTime(file, time);
    }
}
