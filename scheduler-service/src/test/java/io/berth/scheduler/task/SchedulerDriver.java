package io.berth.scheduler.task;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.ClusterEvent.ClusterCapacityProvidersPut;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.Shapes.AwsVpcConfiguration;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.SchedulerCommand.StopTask;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Resource;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.events.Topics;
import io.berth.eventstore.Position;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TestPublisher;
import io.berth.testsupport.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * Plays the gateway and the agent-service for the scheduler's tests: registers instances, sends
 * commands on the cluster's partition and waits for their answers, reports task states.
 */
public final class SchedulerDriver implements AutoCloseable {

    public final EcsCalls ecs = EcsCalls.newAccount();
    public final String clusterName = "c" + UUID.randomUUID().toString().substring(0, 8);
    public final String clusterArn = ecs.arn("cluster/" + clusterName);
    private final TestPublisher publisher = new TestPublisher();
    private final TopicProbe answers = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
            Topics.TASK_EVENTS);

    public String instance(String id, int cpu, int memory, String zone) {
        return instance(id, cpu, memory, zone, null);
    }

    /** An instance registered as a group's instance registers: with its capacity provider's name. */
    public String instance(String id, int cpu, int memory, String zone, String capacityProvider) {
        String arn = ecs.arn("container-instance/" + clusterName + "/" + id);
        publisher.publish(TestPublisher.envelope("container-instance", arn, 1, ecs.account(),
                new InstanceRegistered(clusterArn, arn, "i-" + id, capacityProvider,
                        List.of(new Resource("CPU", "INTEGER", (long) cpu, null),
                                new Resource("MEMORY", "INTEGER", (long) memory, null),
                                new Resource("PORTS", "STRINGSET", null, List.of("22"))),
                        List.of(new Attribute("ecs.availability-zone", zone, null, null),
                                new Attribute("ecs.instance-type", "m5.large", null, null)),
                        null, List.of())));
        return arn;
    }

    /**
     * A capacity provider of Auto Scaling group {@code name} as the cluster-service announces it,
     * with managed scaling ENABLED or not, associated with the cluster alone.
     */
    public void provider(String name, boolean managedScaling) {
        String arn = ecs.arn("capacity-provider/" + name);
        publisher.publish(TestPublisher.envelope("capacity-provider", arn, 1, ecs.account(),
                new CapacityProviderCreated(arn, name, "arn:aws:autoscaling:eu-west-1:" + ecs.account()
                        + ":autoScalingGroup:5f1c2b3a-0d9e-4f8a-b7c6-d5e4f3a2b1c0:autoScalingGroupName/" + name,
                        new ManagedScaling(managedScaling ? "ENABLED" : "DISABLED", 100, 1, 10_000, 300), "DISABLED",
                        List.of(), null)));
        publisher.publish(TestPublisher.envelope("cluster", clusterArn, 2, ecs.account(),
                new ClusterCapacityProvidersPut(clusterArn, List.of(name), List.of())));
    }

    /** A RunTask with a strategy of one capacity provider. */
    public PlaceTasks runOn(ObjectNode definition, int count, String capacityProvider) {
        String family = definition.path("family").asText();
        return new PlaceTasks(clusterArn, ecs.arn("task-definition/" + family + ":1"), definition, count, null, null,
                null, List.of(new CapacityProviderStrategyItem(capacityProvider, 1, 0)), null, List.of(), List.of(),
                null, List.of(), null, null);
    }

    public static ObjectNode definition(String family, int memory, Integer hostPort) {
        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", family).put("revision", 1).put("status", "ACTIVE").put("networkMode", "bridge");
        ObjectNode container = definition.putArray("containerDefinitions").addObject()
                .put("name", "app").put("image", "busybox").put("cpu", 128).put("memory", memory)
                .put("essential", true);
        if (hostPort != null) {
            container.putArray("portMappings").addObject().put("containerPort", 8080).put("hostPort", hostPort);
        }
        return definition;
    }

    public PlaceTasks runTask(ObjectNode definition, int count, String startedBy, String clientToken) {
        return runTask(definition, count, startedBy, clientToken, List.of(), List.of());
    }

    PlaceTasks runTask(ObjectNode definition, int count, String startedBy, String clientToken,
            List<PlacementConstraint> constraints, List<PlacementStrategy> strategies) {
        String family = definition.path("family").asText();
        return new PlaceTasks(clusterArn, ecs.arn("task-definition/" + family + ":1"), definition, count, null,
                startedBy, null, null, null, constraints, strategies, null, List.of(), null, clientToken);
    }

    /** A RunTask on Fargate: the launch type, or else the strategy, in the subnets given (none: no configuration). */
    PlaceTasks runFargate(ObjectNode definition, int count, String launchType,
            List<CapacityProviderStrategyItem> strategy, List<String> subnets, String platformVersion) {
        String family = definition.path("family").asText();
        return new PlaceTasks(clusterArn, ecs.arn("task-definition/" + family + ":1"), definition, count, null, null,
                launchType, strategy, null, List.of(), List.of(), null, List.of(), null, null,
                subnets == null ? null : new NetworkConfiguration(new AwsVpcConfiguration(subnets, List.of(),
                        "DISABLED")), platformVersion);
    }

    PlaceTasks startTask(ObjectNode definition, List<String> instances) {
        String family = definition.path("family").asText();
        return new PlaceTasks(clusterArn, ecs.arn("task-definition/" + family + ":1"), definition, 1, null, null,
                null, null, instances, null, null, null, List.of(), null, null);
    }

    /** A service command as the gateway sends it; {@code definition} is the resolved revision, if any. */
    public ManageService service(String operation, String request, ObjectNode definition) {
        try {
            return new ManageService(clusterArn, operation, (ObjectNode) EventJson.mapper().readTree(request),
                    definition == null ? null : definition.deepCopy().put("taskDefinitionArn",
                            ecs.arn("task-definition/" + definition.path("family").asText() + ":"
                                    + definition.path("revision").asInt())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public StopTask stopTask(String taskArn, String reason) {
        return new StopTask(clusterArn, taskArn, reason);
    }

    /** The correlation id (the gateway's request id) of the last command sent. */
    UUID lastRequestId;

    /** Sends the command as the gateway's outbox would and waits for the scheduler's answer. */
    public SchedulerCommandAnswered send(SchedulerCommand command) {
        EventEnvelope envelope = envelope(command);
        publisher.publish(envelope);
        return answerTo(envelope);
    }

    /**
     * Sends the command as the gateway's outbox would for a caller whose earlier writes are
     * {@code awaited} (ADR 0033), and waits for the scheduler's answer.
     */
    public SchedulerCommandAnswered send(SchedulerCommand command, List<Position> awaited) {
        EventEnvelope envelope = envelope(command);
        publisher.publish(envelope, Map.of(Position.KAFKA_AWAIT_HEADER, Position.format(awaited)));
        return answerTo(envelope);
    }

    /** Sends a command made by {@link #envelope} as the gateway's outbox would, after {@code awaited}; no waiting. */
    void publish(EventEnvelope command, List<Position> awaited) {
        publisher.publish(command, awaited.isEmpty() ? Map.of()
                : Map.of(Position.KAFKA_AWAIT_HEADER, Position.format(awaited)));
    }

    /** The scheduler's answers to {@code commands} read so far, in no particular order. */
    List<SchedulerCommandAnswered> answersTo(List<EventEnvelope> commands) {
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        commands.forEach(command -> ids.add(command.eventId()));
        return answers.poll(e -> e.payload() instanceof SchedulerCommandAnswered a && ids.contains(a.commandId()))
                .stream().map(e -> (SchedulerCommandAnswered) e.payload()).toList();
    }

    /** The command as the gateway's outbox would send it, not sent yet. */
    EventEnvelope envelope(SchedulerCommand command) {
        EventEnvelope envelope = TestPublisher.envelope("scheduler-command", UUID.randomUUID().toString(), 1,
                ecs.account(), command);
        lastRequestId = envelope.correlationId();
        return envelope;
    }

    /** Waits for the scheduler's answer to the command. */
    SchedulerCommandAnswered answerTo(EventEnvelope command) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> answers.poll(e -> e.payload()
                        instanceof SchedulerCommandAnswered a && a.commandId().equals(command.eventId())).stream()
                        .map(e -> (SchedulerCommandAnswered) e.payload()).findFirst().orElse(null),
                answer -> answer != null);
    }

    public List<EventEnvelope> taskEvents(String taskArn) {
        return answers.poll(e -> taskArn.equals(e.aggregateId()));
    }

    public void report(String taskArn, String instanceArn, long version, String status, Integer exitCode) {
        Instant now = Instant.now();
        publisher.publish(TestPublisher.envelope("task-state", taskArn, version, ecs.account(),
                new TaskStateReported(clusterArn, taskArn, instanceArn, version, status,
                        List.of(new ContainerState("app", status, exitCode, null, List.of())),
                        "STOPPED".equals(status) ? "EssentialContainerExited" : null,
                        "STOPPED".equals(status) ? "Essential container in task exited" : null,
                        now, now, "RUNNING".equals(status) ? now : null,
                        "STOPPED".equals(status) ? now : null)));
    }

    /** A RUNNING report whose health check says {@code health} of the task and of its container. */
    public void reportHealth(String taskArn, String instanceArn, long version, String health) {
        Instant now = Instant.now();
        publisher.publish(TestPublisher.envelope("task-state", taskArn, version, ecs.account(),
                new TaskStateReported(clusterArn, taskArn, instanceArn, version, "RUNNING",
                        List.of(new ContainerState("app", "RUNNING", null, null, List.of(), health,
                                "c0ffee" + version)), null, null, now, now, now, null, health)));
    }

    /**
     * Runs {@code what} on this scheduler as if another decided the cluster (ADR 0056): the cluster's partition is
     * revoked meanwhile, as Kafka's listener is told when it gives it to another scheduler. Returns the commands of
     * {@code type} for the cluster that this scheduler then sent its owner, once there is one.
     */
    public List<EventEnvelope> toldTheOwner(PartitionOwnership ownership, Class<? extends SchedulerCommand> type,
            Runnable what) {
        TopicPartition partition = new TopicPartition(Topics.SCHEDULER_COMMANDS,
                PartitionOwnership.partitionOf(clusterArn));
        try (TopicProbe commands = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.SCHEDULER_COMMANDS)) {
            ownership.onPartitionsRevoked(null, List.of(partition));
            try {
                what.run();
                return await().atMost(Duration.ofSeconds(30)).until(() -> commands.poll(e -> type.isInstance(
                        e.payload()) && ((SchedulerCommand) e.payload()).clusterArn().equals(clusterArn)),
                        found -> !found.isEmpty());
            } finally {
                ownership.onPartitionsAssigned(null, List.of(partition));
            }
        }
    }

    @Override
    public void close() {
        publisher.close();
        answers.close();
    }
}
