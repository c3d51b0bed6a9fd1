package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.localstack.Directories;
import io.berth.localstack.RegistryHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ECR with the real clients, unchanged: the AWS CLI v2 for the API, podman to log in, push and
 * pull, skopeo to inspect. Pushes and inspections go to the registry's own name
 * ({@code localhost:8085}); pulls use the repository URI ECR gives, which a {@code registries.conf}
 * like the one {@code ./berth up} writes sends to the same registry (podman rewrites pulls only).
 * Images are made here from Debian's static busybox, since no registry on the internet is reachable.
 * A task definition naming a repository URI runs on the shared stack's docker instances, whose
 * Podman pulls it from Berth with the credentials the task's execution role gets, as the ECS agent does.
 */
@ExtendWith(SharedStack.class)
class EcrIT {

    static final String REGISTRY = "000000000000.dkr.ecr.us-east-1.amazonaws.com";
    static final String LOCATION = "localhost:" + RegistryHosts.PORT;
    static final String INSTALL = "apt-get install podman runc skopeo busybox-static (.ci/run does)";
    static Path podmanHome;
    static int images;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return AwsCliIT.JSON.readTree(out);
        }
    }

    @BeforeAll
    static void podman() throws Exception {
        for (String tool : List.of("/usr/bin/podman", "/usr/bin/skopeo", "/usr/sbin/runc", "/bin/busybox")) {
            assertThat(Path.of(tool)).as("%s (%s)", tool, INSTALL).isExecutable();
        }
        podmanHome = Files.createTempDirectory("berth-ecr-it");
        Files.writeString(podmanHome.resolve("containers.conf"), """
                [containers]
                default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
                [engine]
                runtime = "runc"
                """);
        Files.writeString(podmanHome.resolve("registries.conf"), RegistryHosts.registriesConf(LOCATION));
        String password = AwsCliIT.aws("ecr", "get-login-password").out().trim();
        Run login = run(password, "podman", "login", "--username", "AWS", "--password-stdin", "--tls-verify=false",
                LOCATION);
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("Login Succeeded");
    }

    @AfterAll
    static void removePodmanStorage() throws Exception {
        run(null, "podman", "system", "reset", "--force");
        Directories.delete(podmanHome);
    }

    @Test
    void anImagePushedWithPodmanIsDescribedInspectedPulledAndRunAndItsImmutableTagStays() throws Exception {
        AwsCliIT.Run created = AwsCliIT.aws("ecr", "create-repository", "--repository-name", "e2e/busybox",
                "--image-tag-mutability", "IMMUTABLE", "--image-scanning-configuration", "scanOnPush=true");
        assertThat(created.exit()).as(created.err()).isZero();
        String uri = created.json().at("/repository/repositoryUri").asText();
        assertThat(uri).isEqualTo(REGISTRY + "/e2e/busybox");

        Run pushed = podman("push", "--tls-verify=false", image("first"), LOCATION + "/e2e/busybox:1.0");
        assertThat(pushed.exit()).as(pushed.err()).isZero();

        AwsCliIT.Run described = AwsCliIT.aws("ecr", "describe-images", "--repository-name", "e2e/busybox");
        assertThat(described.exit()).as(described.err()).isZero();
        JsonNode detail = described.json().at("/imageDetails/0");
        String digest = detail.path("imageDigest").asText();
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(detail.path("imageTags").toString()).isEqualTo("[\"1.0\"]");
        assertThat(detail.path("imageSizeInBytes").asLong()).isGreaterThan(100_000);
        assertThat(detail.at("/imageScanStatus/status").asText()).isEqualTo("COMPLETE");

        Run again = podman("push", "--tls-verify=false", image("second"), LOCATION + "/e2e/busybox:1.0");
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("tag invalid").contains("The image tag '1.0' already exists in the"
                + " 'e2e/busybox' repository and cannot be overwritten because the repository is immutable.");
        assertThat(AwsCliIT.aws("ecr", "list-images", "--repository-name", "e2e/busybox").json().at("/imageIds")
                .size()).isEqualTo(1);

        // skopeo inspect does not apply registries.conf's rewrites: it reads the registry by its own name.
        Run inspected = run(null, "skopeo", "inspect", "--tls-verify=false", "docker://" + LOCATION
                + "/e2e/busybox:1.0");
        assertThat(inspected.exit()).as(inspected.err()).isZero();
        assertThat(AwsCliIT.JSON.readTree(inspected.out()).path("Digest").asText()).isEqualTo(digest);

        assertThat(podman("rmi", "--force", uri + ":1.0").exit()).isZero();
        Run pulled = podman("pull", uri + ":1.0");
        assertThat(pulled.exit()).as(pulled.err()).isZero();
        Run ran = podman("run", "--rm", uri + ":1.0", "/bin/busybox", "cat", "/marker");
        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(ran.out().trim()).isEqualTo("first");
    }

    @Test
    void aLifecyclePolicyExpiresTheOlderImages() throws Exception {
        assertThat(AwsCliIT.aws("ecr", "create-repository", "--repository-name", "e2e/app").exit()).isZero();
        for (String tag : List.of("1", "2", "3")) {
            Run pushed = podman("push", "--tls-verify=false", image("app " + tag), LOCATION + "/e2e/app:" + tag);
            assertThat(pushed.exit()).as(pushed.err()).isZero();
        }
        String policy = "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep the newest\",\"selection\":"
                + "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},"
                + "\"action\":{\"type\":\"expire\"}}]}";
        AwsCliIT.Run put = AwsCliIT.aws("ecr", "put-lifecycle-policy", "--repository-name", "e2e/app",
                "--lifecycle-policy-text", policy);
        assertThat(put.exit()).as(put.err()).isZero();
        JsonNode left = AwsCliIT.aws("ecr", "list-images", "--repository-name", "e2e/app").json().at("/imageIds");
        assertThat(left.size()).isEqualTo(1);
        assertThat(left.at("/0/imageTag").asText()).isEqualTo("3");
        assertThat(AwsCliIT.aws("ecr", "get-lifecycle-policy", "--repository-name", "e2e/app").json()
                .path("lastEvaluatedAt").isMissingNode()).isFalse();
    }

    @Test
    void aForcedDeleteRemovesTheRepositoryItsImagesAndTheirContent() throws Exception {
        assertThat(AwsCliIT.aws("ecr", "create-repository", "--repository-name", "e2e/doomed").exit()).isZero();
        Run pushed = podman("push", "--tls-verify=false", image("doomed " + UUID.randomUUID()),
                LOCATION + "/e2e/doomed:1");
        assertThat(pushed.exit()).as(pushed.err()).isZero();
        AwsCliIT.Run got = AwsCliIT.aws("ecr", "batch-get-image", "--repository-name", "e2e/doomed", "--image-ids",
                "imageTag=1");
        assertThat(got.exit()).as(got.err()).isZero();
        JsonNode manifest = AwsCliIT.JSON.readTree(got.json().at("/images/0/imageManifest").asText());
        List<Path> content = new ArrayList<>();
        content.add(blob(got.json().at("/images/0/imageId/imageDigest").asText()));
        content.add(blob(manifest.at("/config/digest").asText()));
        manifest.path("layers").forEach(layer -> content.add(blob(layer.path("digest").asText())));
        assertThat(content).allSatisfy(file -> assertThat(file).exists());

        AwsCliIT.Run refused = AwsCliIT.aws("ecr", "delete-repository", "--repository-name", "e2e/doomed");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("RepositoryNotEmptyException");
        AwsCliIT.Run deleted = AwsCliIT.aws("ecr", "delete-repository", "--repository-name", "e2e/doomed", "--force");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(AwsCliIT.aws("ecr", "describe-repositories", "--repository-names", "e2e/doomed").err())
                .contains("RepositoryNotFoundException");
        Run pull = podman("pull", REGISTRY + "/e2e/doomed:1");
        assertThat(pull.exit()).isNotZero();
        assertThat(pull.err()).contains("name unknown");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(content).allSatisfy(file -> assertThat(file).doesNotExist()));
    }

    @Test
    void aTaskDefinitionNamingTheRepositoryUriRunsOnADockerInstancePulledFromBerthAndAMissingTagCannotBePulled()
            throws Exception {
        TasksSdkIT.awaitCapacityAs(DockerRuntimeIT.AUTHORIZATION, SharedStack.DOCKER_CLUSTER,
                SharedStack.DOCKER_INSTANCES);
        AwsCliIT.Run created = AwsCliIT.aws("ecr", "create-repository", "--repository-name", "e2e/task");
        assertThat(created.exit()).as(created.err()).isZero();
        String uri = created.json().at("/repository/repositoryUri").asText();
        // The marker exists only in the pushed image: the task prints it only if its engine pulled it from Berth.
        String marker = "pulled from Berth " + UUID.randomUUID();
        Run pushed = podman("push", "--tls-verify=false", image(marker), LOCATION + "/e2e/task:1.0");
        assertThat(pushed.exit()).as(pushed.err()).isZero();

        String ran = runTask("ecr-task", uri + ":1.0");
        JsonNode task = awaitStopped(ran);
        assertThat(task.path("stopCode").asText()).as(task.toString()).isEqualTo("EssentialContainerExited");
        assertThat(task.at("/containers/0/image").asText()).isEqualTo(uri + ":1.0");
        assertThat(task.at("/containers/0/exitCode").asInt(-1)).as(task.toString()).isZero();
        assertThat(DockerRuntimeIT.logs(ran, "app")).isEqualTo(marker + "\n");

        JsonNode missing = awaitStopped(runTask("ecr-missing", uri + ":absent"));
        assertThat(missing.path("stopCode").asText()).as(missing.toString()).isEqualTo("TaskFailedToStart");
        assertThat(missing.path("stoppedReason").asText())
                .startsWith("CannotPullContainerError: pull image " + uri + ":absent");
        assertThat(missing.at("/containers/0/reason").asText()).startsWith("CannotPullContainerError: ");
    }

    /**
     * Registers, with the AWS CLI, a definition whose one container prints {@code /marker} from {@code image}, with
     * the execution role that pulls it as in ECS, and runs it on the shared stack's docker instances.
     */
    static String runTask(String family, String image) throws Exception {
        String definition = AwsCliIT.JSON.createObjectNode().put("family", family)
                .put("executionRoleArn", "arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                .set("containerDefinitions", AwsCliIT.JSON.createArrayNode().add(AwsCliIT.JSON.createObjectNode()
                        .put("name", "app").put("image", image).put("memory", 32).put("essential", true)
                        .set("command", AwsCliIT.JSON.createArrayNode().add("/bin/busybox").add("cat")
                                .add("/marker")))).toString();
        AwsCliIT.Run registered = AwsCliIT.aws("ecs", "register-task-definition", "--cli-input-json", definition);
        assertThat(registered.exit()).as(registered.err()).isZero();
        AwsCliIT.Run run = AwsCliIT.aws("ecs", "run-task", "--cluster", SharedStack.DOCKER_CLUSTER,
                "--task-definition", family);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().path("failures").size()).as(run.out()).isZero();
        return run.json().at("/tasks/0/taskArn").asText();
    }

    static JsonNode awaitStopped(String taskArn) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        AwsCliIT.aws("ecs", "describe-tasks", "--cluster", SharedStack.DOCKER_CLUSTER, "--tasks",
                                taskArn).json().at("/tasks/0"),
                task -> task.path("lastStatus").asText().equals("STOPPED"));
    }

    /** Where the stack keeps a blob: {@code $BERTH_HOME/registry/blobs/sha256/<2>/<64>}. */
    static Path blob(String digest) {
        String hex = digest.substring("sha256:".length());
        return SharedStack.home().resolve("registry/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** A local image of busybox and a file {@code /marker} holding {@code marker}. */
    static String image(String marker) throws IOException, InterruptedException {
        Path rootfs = Files.createDirectories(podmanHome.resolve("rootfs-" + (++images)));
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
        Files.writeString(rootfs.resolve("marker"), marker + "\n");
        Path tar = podmanHome.resolve("rootfs-" + images + ".tar");
        Process pack = new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".").start();
        assertThat(pack.waitFor()).isZero();
        String name = "localhost/ecr-it/image:" + images;
        Run imported = podman("import", tar.toString(), name);
        assertThat(imported.exit()).as(imported.err()).isZero();
        return name;
    }

    static Run podman(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return run(null, command.toArray(String[]::new));
    }

    /**
     * Runs podman (with storage of its own) or skopeo with this test's registries.conf and
     * credentials; {@code input} goes to its standard input.
     */
    static Run run(String input, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(command));
        if (command[0].equals("podman")) {
            full.addAll(1, List.of("--root", podmanHome.resolve("storage").toString(), "--runroot",
                    podmanHome.resolve("run").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(full);
        Map<String, String> env = builder.environment();
        env.put("CONTAINERS_CONF", podmanHome.resolve("containers.conf").toString());
        env.put("CONTAINERS_REGISTRIES_CONF", podmanHome.resolve("registries.conf").toString());
        env.put("REGISTRY_AUTH_FILE", podmanHome.resolve("auth.json").toString());
        // Progress goes to stderr: into a file, so that neither pipe can fill while the other is read.
        Path errors = Files.createTempFile(podmanHome, "stderr", ".txt");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        if (input != null) {
            process.getOutputStream().write((input + "\n").getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("%s finished", full).isTrue();
        String err = Files.readString(errors);
        Files.delete(errors);
        return new Run(process.exitValue(), out, err);
    }
}
