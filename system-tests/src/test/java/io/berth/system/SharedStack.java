package io.berth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack, started the README's way, for every test class that only talks to it: started before
 * the first such class and stopped with {@code ./berth down} when the test run ends. It launches
 * {@value #DOCKER_INSTANCES} docker instances into cluster {@value #DOCKER_CLUSTER} (default account,
 * us-east-1) through {@code BERTH_FLEET}, so {@code ./berth up} starts its own Podman service.
 */
public final class SharedStack implements BeforeAllCallback {

    private static final String KEY = "berth-shared-stack";
    static final String DOCKER_CLUSTER = "containers";
    static final int DOCKER_INSTANCES = 3;
    private static volatile java.nio.file.Path home;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> Resource.start(), Resource.class);
    }

    /** The shared stack's {@code BERTH_HOME}, once it is up: where a test can see what the services keep on disk. */
    static java.nio.file.Path home() {
        return home;
    }

    static final class Resource implements ExtensionContext.Store.CloseableResource {

        private final RunningStack stack;

        private Resource(RunningStack stack) {
            this.stack = stack;
        }

        static Resource start() {
            try {
                RunningStack stack = RunningStack.start(Files.createTempDirectory("berth-shared"), java.util.Map.of(
                        "BERTH_FLEET", DOCKER_CLUSTER + ":m5.large:" + DOCKER_INSTANCES + ":docker",
                        "BERTH_FARGATE_RUNTIME", "process"));
                stack.awaitUp();
                home = stack.home();
                return new Resource(stack);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                stack.down();
            } finally {
                try {
                    stack.forceCleanUp();
                } finally {
                    io.berth.localstack.Directories.deleteQuietly(stack.home());
                }
            }
        }
    }
}
