package io.berth.testsupport;

import io.berth.localstack.Directories;
import io.berth.localstack.PodmanService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Podman API service for the whole test JVM, like the broker and the database: started on first use with its
 * storage in a temporary directory, its containers, volumes and storage removed when the JVM exits. Tests that need
 * an engine fail, saying how to install one, when Podman is missing ({@link PodmanService#INSTALL_HINT}).
 */
public final class SharedPodman {

    private static PodmanService instance;
    private static Path directory;

    private SharedPodman() {
    }

    public static synchronized PodmanService get() {
        if (instance == null) {
            try {
                directory = Files.createTempDirectory("berth-test-podman");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            instance = PodmanService.start(directory);
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPodman::stop, "berth-test-podman-stop"));
        }
        return instance;
    }

    /** The {@code DOCKER_HOST} of the shared service. */
    public static String dockerHost() {
        return get().dockerHost();
    }

    private static void stop() {
        try {
            PodmanService.removeEverything(directory);
        } catch (IOException e) {
            System.err.println("Cleaning up the test Podman storage failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            instance.close();
            Directories.deleteQuietly(directory);
        }
    }
}
