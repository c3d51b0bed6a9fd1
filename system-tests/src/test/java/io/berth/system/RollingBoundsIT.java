package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A rolling deployment never leaves its band (issue 14 item 4): a service of 2 at minimumHealthyPercent
 * 50 and maximumPercent 100 on process instances, whose tasks take 2 s to stop (their process ignores
 * SIGTERM until the stop timeout), rolls to a new revision while a sampler reads DescribeServices,
 * ListTasks and DescribeTasks every 100 ms. Every sample must show at most 2 tasks PROVISIONING,
 * PENDING, ACTIVATING or RUNNING, whatever their desiredStatus, and at least 1 RUNNING and desired
 * RUNNING. A task told to stop stays RUNNING for those 2 s, so a scheduler that did not count it would
 * be seen with 3.
 */
@ExtendWith(SharedStack.class)
class RollingBoundsIT {

    static final String ACCOUNT = "123456789045";
    static final String CLUSTER = "band";
    static final String SERVICE = "slow-stop";
    static final int DESIRED = 2;
    static final int MAXIMUM = 2;
    static final int MINIMUM = 1;
    static final Set<String> COUNTED = Set.of("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING");
    static EcsClient ecs;

    @BeforeAll
    static void connect() {
        ecs = EcsSdkIT.client(ACCOUNT, Region.EU_WEST_1);
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
    }

    /** A revision whose process takes its stop timeout, 2 s, to stop: SIGTERM is ignored, SIGKILL is not. */
    static String register(String version) {
        return ecs.registerTaskDefinition(r -> r.family(SERVICE).containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").memory(32).stopTimeout(2)
                .environment(e -> e.name("VERSION").value(version))
                .command("sh", "-c", "trap '' TERM; exec sleep 3600").build()))
                .taskDefinition().taskDefinitionArn();
    }

    /** One reading of the service and its tasks, and what it shows against the band. */
    record Sample(Service service, List<Task> tasks, List<Task> lateRunning) {

        long counted() {
            return tasks.stream().filter(t -> COUNTED.contains(t.lastStatus())).count();
        }

        long healthy() {
            Set<String> seen = new HashSet<>();
            return java.util.stream.Stream.concat(tasks.stream(), lateRunning.stream())
                    .filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                    .filter(t -> seen.add(t.taskArn())).count();
        }

        boolean showsAStop() {
            return tasks.stream().anyMatch(t -> "STOPPED".equals(t.desiredStatus()) && COUNTED.contains(t.lastStatus()));
        }

        String describe() {
            return counted() + " counted, " + healthy() + " healthy: " + tasks.stream()
                    .map(t -> t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1) + " " + t.lastStatus() + "/"
                            + t.desiredStatus()).toList();
        }
    }

    static List<Task> describe(List<String> arns) {
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
    }

    /**
     * The tasks of one DescribeTasks (listed first, desired RUNNING and STOPPED) bound the count from
     * above: a task started after the listing is missing, never extra. Tasks listed again afterwards
     * can only add RUNNING ones to the lower bound's count, which a start between the calls must not lower.
     * A task told to stop between the two listings is in both, and is one task: each ARN is described once.
     */
    static Sample sample() {
        Service service = ecs.describeServices(r -> r.cluster(CLUSTER).services(SERVICE)).services().get(0);
        Set<String> listed = new LinkedHashSet<>(ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(SERVICE)
                .desiredStatus(DesiredStatus.RUNNING)).taskArns());
        listed.addAll(ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(SERVICE).desiredStatus(DesiredStatus.STOPPED))
                .taskArns());
        List<Task> tasks = describe(List.copyOf(listed));
        List<String> late = new ArrayList<>(ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(SERVICE)
                .desiredStatus(DesiredStatus.RUNNING)).taskArns());
        late.removeAll(listed);
        return new Sample(service, tasks, describe(late));
    }

    @Test
    void aRolloutAtMaximum100StopsFirstAndNeverRunsMoreThanTheDesiredCount() throws Exception {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        TasksSdkIT.rest(ACCOUNT, "/v1/clusters/" + CLUSTER + "/fleet",
                "{\"instanceType\":\"m5.large\",\"count\":2,\"runtime\":\"process\"}");
        TasksSdkIT.awaitCapacity(ACCOUNT, CLUSTER, 2);
        register("1");
        ecs.createService(r -> r.cluster(CLUSTER).serviceName(SERVICE).taskDefinition(SERVICE).desiredCount(DESIRED)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(50).maximumPercent(100)));
        ecs.waiter().waitUntilServicesStable(r -> r.cluster(CLUSTER).services(SERVICE));

        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> broken = new AtomicReference<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        String v2 = register("2");
        ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).taskDefinition(v2));
        sampler.scheduleAtFixedRate(() -> {
            try {
                samples.add(sample());
            } catch (RuntimeException e) {
                broken.compareAndSet(null, e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (broken.get() != null || samples.isEmpty()) {
                    return broken.get() != null;
                }
                Service now = samples.get(samples.size() - 1).service();
                return now.deployments().size() == 1 && now.deployments().get(0).taskDefinition().equals(v2)
                        && now.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED
                        && now.runningCount() == DESIRED;
            });
        } finally {
            // Not interrupted: a sample in flight ends normally, and no later one starts.
            sampler.shutdown();
            assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(broken.get()).as("a sample failed").isNull();
        List<Sample> taken = List.copyOf(samples);
        for (int i = 0; i < taken.size(); i++) {
            Sample s = taken.get(i);
            assertThat(s.counted()).as("sample %d of %d: %s", i, taken.size(), s.describe())
                    .isLessThanOrEqualTo(MAXIMUM);
            assertThat(s.healthy()).as("sample %d of %d: %s", i, taken.size(), s.describe())
                    .isGreaterThanOrEqualTo(MINIMUM);
        }
        assertThat(taken).as("the sampler saw a task that was told to stop and had not stopped yet")
                .anyMatch(Sample::showsAStop);
    }
}
