package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path parent;

    @Test
    void aTreeOfDirectoriesAndFilesIsGoneAndItsSiblingsStay() throws Exception {
        Path tree = Files.createDirectories(parent.resolve("tree/a/b"));
        Files.writeString(tree.resolve("leaf"), "x");
        Files.writeString(parent.resolve("tree/top"), "y");
        Files.writeString(parent.resolve("sibling"), "z");

        Directories.delete(parent.resolve("tree"));

        assertThat(parent.resolve("tree")).doesNotExist();
        assertThat(parent.resolve("sibling")).hasContent("z");
    }

    @Test
    void aDirectoryThatIsNotThereIsNothingToDo() {
        assertThatCode(() -> Directories.delete(parent.resolve("never"))).doesNotThrowAnyException();
        assertThatCode(() -> Directories.deleteQuietly(parent.resolve("never"))).doesNotThrowAnyException();
    }
}
