package io.berth.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a directory with everything in it: what the tests' temporary stacks, brokers and engines leave behind. */
public final class Directories {

    private Directories() {
    }

    /**
     * Deletes {@code directory} and everything under it, deepest first; a directory that does not exist is nothing
     * to do. The first file that cannot be deleted stops it with that file's exception.
     */
    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * {@link #delete} for a JVM that is exiting or a test that is done with its directory: what cannot be deleted is
     * reported on standard error and left, since a leftover temporary directory is not worth failing a build for.
     */
    public static void deleteQuietly(Path directory) {
        try {
            delete(directory);
        } catch (IOException | RuntimeException e) {
            System.err.println("Leaving " + directory + ": " + e);
        }
    }
}
