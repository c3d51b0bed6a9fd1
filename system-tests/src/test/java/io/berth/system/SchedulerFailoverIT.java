package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.EnvelopeDeserializer;
import io.berth.events.EnvelopeSerializer;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.EventTypes;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.Shapes.Resource;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStateChanged;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.events.Topic;
import io.berth.events.Topics;
import io.berth.localstack.Directories;
import io.berth.localstack.KafkaBroker;
import io.berth.localstack.PostgresServer;
import io.berth.localstack.StackSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single writer per cluster under failure: two scheduler-service processes share one database and
 * one consumer group; a second one joins in the middle of a burst of RunTask commands (a
 * rebalance), then the first is killed with SIGKILL (another). Every command is answered, no task
 * is lost or placed twice, and no instance holds more than it has. A task waiting for capacity outlives
 * the scheduler that accepted it. With the agents' reports of a cluster applied by the scheduler that does
 * not decide it, a service's stopped task is still replaced (ADR 0056).
 */
class SchedulerFailoverIT {

    static final int CLUSTERS = 3;
    static final int INSTANCES = 8;
    static final int MEMORY = 2048;
    static final int TASK_MEMORY = 256;
    static final int COMMANDS = 240;
    static final String GROUP = "scheduler-service";

    static Path work;
    static PostgresServer postgres;
    static KafkaBroker kafka;
    static KafkaProducer<String, EventEnvelope> producer;
    static final List<Process> schedulers = new ArrayList<>();

    @BeforeAll
    static void infrastructure() throws IOException {
        work = Files.createTempDirectory("berth-failover");
        postgres = PostgresServer.start(work.resolve("postgres"), freePort());
        PostgresServer.createDatabase(postgres.adminDataSource(), "berth_scheduler");
        kafka = KafkaBroker.start(work.resolve("kafka"), freePort(), freePort());
        KafkaBroker.createTopics(kafka.bootstrapServers(), KafkaBroker.berthTopics(), Topic.DEFAULT_PARTITIONS);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EnvelopeSerializer());
    }

    @AfterAll
    static void stop() {
        schedulers.forEach(Process::destroyForcibly);
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (work != null) {
            Directories.deleteQuietly(work);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A scheduler-service process and its HTTP port. */
    record Scheduler(Process process, int port) {
    }

    /**
     * A scheduler-service process on the shared database and broker, ready to decide, started with
     * {@code systemProperties} ({@code name=value}) besides the stack's.
     */
    static Scheduler scheduler(String... systemProperties) throws IOException {
        int port = freePort();
        Path jar = LocalStackIT.repoRoot().resolve("scheduler-service/target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        // The JVM flags ./berth up gives the scheduler (C1 only, a small heap: ADR 0037, ADR 0052), which start
        // it in less CPU than the JVM's defaults; this class starts one six times.
        command.addAll(StackSettings.from(System.getenv(), LocalStackIT.repoRoot())
                .javaOptionsOf("scheduler-service"));
        command.addAll(List.of("-Dquarkus.http.port=" + port,
                // Notice a dead member in seconds rather than the default 45 s.
                "-Dmp.messaging.connector.smallrye-kafka.session.timeout.ms=6000",
                "-Dmp.messaging.connector.smallrye-kafka.heartbeat.interval.ms=1000"));
        for (String property : systemProperties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("scheduler-" + port + ".log").toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        builder.environment().put("BERTH_DB_URL", postgres.jdbcUrl("berth_scheduler"));
        Process process = builder.start();
        schedulers.add(process);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            assertThat(process.isAlive()).as("scheduler on port " + port + " exited").isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return new Scheduler(process, port);
    }

    /** How many instances of the cluster the scheduler on {@code port} can place on. */
    static int capacity(int port, String clusterName) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/clusters/" + clusterName + "/capacity")).header("X-Berth-Account", "123456789012")
                .header("X-Berth-Region", "eu-west-1").build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.split("containerInstanceArn", -1).length - 1;
    }

    /** A reader of every partition of the task events, from their beginning or from now. */
    static KafkaConsumer<String, EventEnvelope> taskEvents(boolean fromTheBeginning) {
        KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new EnvelopeDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TASK_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        if (fromTheBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            // Seeking is lazy: the end is taken now, before the test publishes anything.
            partitions.forEach(consumer::position);
        }
        return consumer;
    }

    /** Sends the envelope on its topic under its key; the answer tells the partition the producer chose. */
    static Future<RecordMetadata> publish(EventEnvelope envelope) {
        return producer.send(new ProducerRecord<>(envelope.topic().topicName(), envelope.partitionKey(), envelope));
    }

    /** The partitions each client of the schedulers' consumer group holds now, by client id. */
    static Map<String, Set<TopicPartition>> assignment(Admin admin) throws Exception {
        Map<String, Set<TopicPartition>> held = new HashMap<>();
        for (MemberDescription member : admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP)
                .members()) {
            held.computeIfAbsent(member.clientId(), k -> new HashSet<>())
                    .addAll(member.assignment().topicPartitions());
        }
        return held;
    }

    /** The client of {@code clients} that holds {@code partition} of {@code topic}, if one does. */
    static Optional<String> holder(Map<String, Set<TopicPartition>> assignment, Collection<String> clients,
            String topic, int partition) {
        return clients.stream().filter(c -> assignment.getOrDefault(c, Set.of())
                .contains(new TopicPartition(topic, partition))).findFirst();
    }

    static EventEnvelope envelope(String streamType, String streamId, io.berth.events.BerthEvent payload) {
        return new EventEnvelope(UUID.randomUUID(), EventTypes.nameOf(payload), streamType, streamId, 1,
                "123456789012", "eu-west-1", Instant.now(), UUID.randomUUID(), null,
                EventTypes.CURRENT_SCHEMA_VERSION, payload);
    }

    @Test
    void aBurstSurvivesARebalanceAndAKilledSchedulerWithoutLosingOrDoublingTasks() throws Exception {
        Scheduler first = scheduler();
        String prefix = "arn:aws:ecs:eu-west-1:123456789012:";
        List<String> clusters = new ArrayList<>();
        for (int c = 0; c < CLUSTERS; c++) {
            String cluster = prefix + "cluster/failover-" + c;
            clusters.add(cluster);
            for (int i = 0; i < INSTANCES; i++) {
                String instance = prefix + "container-instance/failover-" + c + "/" + c + "i" + i;
                publish(envelope("container-instance", instance, new InstanceRegistered(cluster, instance, "i-" + i,
                        null, List.of(new Resource("CPU", "INTEGER", 4096L, null),
                        new Resource("MEMORY", "INTEGER", (long) MEMORY, null)), List.of(), null, List.of())));
            }
        }
        producer.flush();
        for (int c = 0; c < CLUSTERS; c++) {
            String name = "failover-" + c;
            await().atMost(Duration.ofSeconds(60)).until(() -> capacity(first.port(), name) == INSTANCES);
        }
        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", "burst").put("revision", 1).put("status", "ACTIVE");
        definition.putArray("containerDefinitions").addObject().put("name", "main").put("image", "busybox")
                .put("memory", TASK_MEMORY);

        Map<UUID, Integer> asked = new HashMap<>();
        for (int n = 0; n < COMMANDS; n++) {
            if (n == COMMANDS / 3) {
                scheduler();
            }
            if (n == 2 * COMMANDS / 3) {
                first.process().destroyForcibly();
            }
            int count = 1 + n % 3;
            EventEnvelope command = envelope("scheduler-command", UUID.randomUUID().toString(), new PlaceTasks(
                    clusters.get(n % CLUSTERS), prefix + "task-definition/burst:1", definition, count, null,
                    null, null, null, null, List.of(), List.of(), null, List.of(), null, null));
            asked.put(command.eventId(), count);
            publish(command);
        }
        producer.flush();

        Map<UUID, Set<UUID>> answers = new HashMap<>();
        Map<String, TaskPlaced> placed = new HashMap<>();
        Map<String, Set<UUID>> placementEvents = new HashMap<>();
        List<SchedulerCommandAnswered> answered = new ArrayList<>();
        try (KafkaConsumer<String, EventEnvelope> consumer = taskEvents(true)) {
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                for (ConsumerRecord<String, EventEnvelope> record : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope event = record.value();
                    // The topic also holds the other test's events: only this burst's clusters count.
                    if (event.payload() instanceof SchedulerCommandAnswered answer
                            && asked.containsKey(answer.commandId())
                            && answers.computeIfAbsent(answer.commandId(), k -> new HashSet<>())
                            .add(event.eventId())) {
                        answered.add(answer);
                    } else if (event.payload() instanceof TaskPlaced task && clusters.contains(task.clusterArn())) {
                        placed.put(task.taskArn(), task);
                        placementEvents.computeIfAbsent(task.taskArn(), k -> new HashSet<>()).add(event.eventId());
                    }
                }
                return answers.keySet().containsAll(asked.keySet());
            });
        }

        // Every command decided exactly once (a relay may publish an event twice, never decide twice).
        assertThat(answers).allSatisfy((command, events) -> assertThat(events).hasSize(1));
        assertThat(answered).allSatisfy(a -> assertThat(a.errorType()).isNull());
        for (SchedulerCommandAnswered answer : answered) {
            assertThat(answer.taskArns().size() + answer.failures().size()).isEqualTo(asked.get(answer.commandId()));
        }
        // No task lost or placed twice: each answered task has exactly one placement, and nothing else was placed.
        List<String> answeredTasks = answered.stream().flatMap(a -> a.taskArns().stream()).toList();
        assertThat(answeredTasks).doesNotHaveDuplicates();
        assertThat(placed.keySet()).containsExactlyInAnyOrderElementsOf(answeredTasks);
        assertThat(placementEvents).allSatisfy((task, events) -> assertThat(events).hasSize(1));
        // No instance overcommitted.
        Map<String, Integer> memoryByInstance = new HashMap<>();
        placed.values().forEach(t -> memoryByInstance.merge(t.containerInstanceArn(), t.memory(), Integer::sum));
        assertThat(memoryByInstance).allSatisfy((instance, memory) -> assertThat(memory).isLessThanOrEqualTo(MEMORY));
        // The clusters filled up: the burst asks for more than they hold, so placements stopped only at capacity.
        assertThat(placed).hasSize(CLUSTERS * INSTANCES * (MEMORY / TASK_MEMORY));
    }

    /**
     * A task waiting in PROVISIONING (ADR 0039) is the scheduler's stored state, not its memory: the scheduler is
     * killed while the task waits, another takes over, and it places the task when an instance of the task's
     * capacity provider registers.
     */
    @Test
    void aTaskWaitingForCapacitySurvivesASchedulerRestartAndIsPlacedWhenAnInstanceRegisters() throws Exception {
        for (Process process : schedulers) {
            process.destroyForcibly().waitFor();
        }
        Scheduler first = scheduler();
        String prefix = "arn:aws:ecs:eu-west-1:123456789012:";
        String cluster = prefix + "cluster/waiting";
        String provider = prefix + "capacity-provider/waiting-hosts";
        publish(envelope("capacity-provider", provider, new CapacityProviderCreated(provider, "waiting-hosts",
                "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:0:autoScalingGroupName/waiting",
                new ManagedScaling("ENABLED", 100, 1, 10, 0), "DISABLED", List.of(), null)));
        publish(envelope("cluster", cluster, new ClusterCreated(cluster, "waiting", List.of(),
                List.of("waiting-hosts"), List.of(new CapacityProviderStrategyItem("waiting-hosts", 1, 0)), List.of(),
                null, null)));
        producer.flush();
        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", "patient").put("revision", 1).put("status", "ACTIVE");
        definition.putArray("containerDefinitions").addObject().put("name", "main").put("image", "busybox")
                .put("memory", 512);

        Map<UUID, SchedulerCommandAnswered> answers = new HashMap<>();
        Set<String> waiting = new HashSet<>();
        Map<String, TaskPlaced> placed = new HashMap<>();
        try (KafkaConsumer<String, EventEnvelope> consumer = taskEvents(false)) {
            Runnable read = () -> consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                if (record.value().payload() instanceof SchedulerCommandAnswered answer) {
                    answers.put(answer.commandId(), answer);
                } else if (record.value().payload() instanceof TaskAwaitingCapacity awaiting) {
                    waiting.add(awaiting.taskArn());
                } else if (record.value().payload() instanceof TaskPlaced task) {
                    placed.put(task.taskArn(), task);
                }
            });
            // Until the scheduler has learnt the provider from its topics, RunTask fails: ask again until it waits.
            String task = await().atMost(Duration.ofSeconds(90)).until(() -> {
                EventEnvelope command = envelope("scheduler-command", UUID.randomUUID().toString(), new PlaceTasks(
                        cluster, prefix + "task-definition/patient:1", definition, 1, null, null, null,
                        List.of(new CapacityProviderStrategyItem("waiting-hosts", 1, 0)), null, List.of(), List.of(),
                        null, List.of(), null, null));
                publish(command);
                producer.flush();
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    read.run();
                    return answers.containsKey(command.eventId());
                });
                List<String> arns = answers.get(command.eventId()).taskArns();
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    read.run();
                    return arns.isEmpty() || waiting.containsAll(arns);
                });
                return arns.isEmpty() ? null : arns.get(0);
            }, java.util.Objects::nonNull);
            assertThat(placed).doesNotContainKey(task);

            first.process().destroyForcibly().waitFor();
            Scheduler second = scheduler();
            String instance = prefix + "container-instance/waiting/w1";
            publish(envelope("container-instance", instance, new InstanceRegistered(cluster, instance, "i-w1",
                    "waiting-hosts", List.of(new Resource("CPU", "INTEGER", 2048L, null),
                    new Resource("MEMORY", "INTEGER", 2048L, null)), List.of(), null, List.of())));
            producer.flush();
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                read.run();
                return placed.containsKey(task);
            });
            assertThat(placed.get(task).containerInstanceArn()).isEqualTo(instance);
            assertThat(placed.get(task).capacityProviderName()).isEqualTo("waiting-hosts");
            // The burst test, when it runs after this one, starts from a group without a member of this one.
            second.process().destroyForcibly().waitFor();
        }
    }
    /**
     * Two schedulers, each applying the agents' reports of the clusters the other decides (ADR 0056): the report
     * that a service's task stopped is applied by one, and the other, which owns the service, replaces the task on
     * the instance it leaves free.
     */
    /**
     * With two schedulers, agents' reports and container instances' changes of a cluster may be applied by the one
     * that does not decide it (ADR 0056): a stopped task is still replaced, and a task waiting for room is placed on
     * an instance registered meanwhile.
     */
    @Test
    void reportsAndInstancesOfAClusterAppliedByTheOtherSchedulerReachTheOneThatDecidesIt() throws Exception {
        for (Process process : schedulers) {
            process.destroyForcibly().waitFor();
        }
        // The range assignor gives each topic's first six partitions to the member whose id sorts first, and a
        // member's id starts with its client id: the first scheduler decides the clusters of partitions 0-5 and
        // the second applies their reports and instances' changes, and the other way round for 6-11.
        Map<String, String> processOf = Map.of("a-commands", "first", "b-reports", "first", "b-instances", "first",
                "b-commands", "second", "a-reports", "second", "a-instances", "second");
        Scheduler first = scheduler("mp.messaging.incoming.scheduler-commands.client.id=a-commands",
                "mp.messaging.incoming.task-state-events.client.id=b-reports",
                "mp.messaging.incoming.container-instance-events.client.id=b-instances");
        Scheduler second = scheduler("mp.messaging.incoming.scheduler-commands.client.id=b-commands",
                "mp.messaging.incoming.task-state-events.client.id=a-reports",
                "mp.messaging.incoming.container-instance-events.client.id=a-instances");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                KafkaConsumer<String, EventEnvelope> consumer = taskEvents(false)) {
            // Once both have joined and members of the killed schedulers have left, every partition is held by one
            // of the four consumers, and each of them holds some.
            Map<String, Set<TopicPartition>> split = await().atMost(Duration.ofMinutes(1)).until(() -> assignment(admin),
                    held -> processOf.keySet().stream().allMatch(c -> !held.getOrDefault(c, Set.of()).isEmpty())
                            && IntStream.range(0, Topic.DEFAULT_PARTITIONS).allMatch(p ->
                                    holder(held, processOf.keySet(), Topics.SCHEDULER_COMMANDS, p).isPresent()
                                    && holder(held, processOf.keySet(), Topics.TASK_STATE_EVENTS, p).isPresent()
                                    && holder(held, processOf.keySet(), Topics.CONTAINER_INSTANCE_EVENTS, p)
                                            .isPresent()));

            String prefix = "arn:aws:ecs:eu-west-1:123456789012:";
            String name = "split-" + UUID.randomUUID().toString().substring(0, 8);
            String cluster = prefix + "cluster/" + name;
            String instance = prefix + "container-instance/" + name + "/s1";
            // Room for one task: the replacement fits only once the decider has let the stopped task go.
            int partition = publish(envelope("container-instance", instance, new InstanceRegistered(cluster, instance,
                    "i-s1", null, List.of(new Resource("CPU", "INTEGER", 1024L, null),
                    new Resource("MEMORY", "INTEGER", (long) TASK_MEMORY, null)), List.of(), null, List.of())))
                    .get().partition();
            // Every topic keyed by cluster has as many partitions, so the cluster's partition is the same on each.
            String decides = processOf.get(holder(split, processOf.keySet(), Topics.SCHEDULER_COMMANDS, partition)
                    .orElseThrow());
            String applies = processOf.get(holder(split, processOf.keySet(), Topics.TASK_STATE_EVENTS, partition)
                    .orElseThrow());
            assertThat(applies).as("the scheduler applying the reports of partition %d, in %s", partition, split)
                    .isNotEqualTo(decides);
            assertThat(processOf.get(holder(split, processOf.keySet(), Topics.CONTAINER_INSTANCE_EVENTS, partition)
                    .orElseThrow())).as("the scheduler storing the instances of partition %d, in %s", partition, split)
                    .isNotEqualTo(decides);
            await().atMost(Duration.ofSeconds(60)).until(() -> capacity(first.port(), name) == 1);

            ObjectNode definition = EventJson.mapper().createObjectNode();
            definition.put("family", "split").put("revision", 1).put("status", "ACTIVE")
                    .put("taskDefinitionArn", prefix + "task-definition/split:1");
            definition.putArray("containerDefinitions").addObject().put("name", "main").put("image", "busybox")
                    .put("memory", TASK_MEMORY);
            ObjectNode request = EventJson.mapper().createObjectNode();
            request.put("serviceName", "web").put("taskDefinition", "split:1").put("desiredCount", 1);
            EventEnvelope create = envelope("scheduler-command", UUID.randomUUID().toString(),
                    new ManageService(cluster, "CreateService", request, definition));
            publish(create);
            producer.flush();

            Map<UUID, SchedulerCommandAnswered> answers = new HashMap<>();
            List<TaskPlaced> placed = new ArrayList<>();
            Map<String, String> lastStatus = new HashMap<>();
            Runnable read = () -> consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                if (record.value().payload() instanceof SchedulerCommandAnswered answer) {
                    answers.put(answer.commandId(), answer);
                } else if (record.value().payload() instanceof TaskPlaced task && task.clusterArn().equals(cluster)) {
                    placed.add(task);
                } else if (record.value().payload() instanceof TaskStateChanged changed
                        && changed.clusterArn().equals(cluster)) {
                    lastStatus.put(changed.taskArn(), changed.lastStatus());
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                read.run();
                return answers.containsKey(create.eventId()) && !placed.isEmpty();
            });
            assertThat(answers.get(create.eventId()).errorType()).isNull();
            TaskPlaced task = placed.get(0);
            assertThat(task.group()).isEqualTo("service:web");
            assertThat(task.containerInstanceArn()).isEqualTo(instance);

            Instant now = Instant.now();
            publish(envelope("task-state", task.taskArn(), new TaskStateReported(cluster, task.taskArn(), instance, 1,
                    "STOPPED", List.of(new ContainerState("main", "STOPPED", 1, null, List.of())),
                    "EssentialContainerExited", "Essential container in task exited", now, now, null, now)));
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                read.run();
                return "STOPPED".equals(lastStatus.get(task.taskArn()));
            });
            // Applied by the scheduler that does not decide the cluster: the other must be woken to replace it.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                read.run();
                return placed.size() > 1;
            });
            assertThat(placed).hasSize(2);
            assertThat(placed.get(1).group()).isEqualTo("service:web");
            assertThat(placed.get(1).containerInstanceArn()).isEqualTo(instance);

            // A second task has no room until a second instance registers, stored by the scheduler that does not
            // decide the cluster: the other must learn of it to place the task there.
            ObjectNode scale = EventJson.mapper().createObjectNode();
            scale.put("service", "web").put("desiredCount", 2);
            EventEnvelope update = envelope("scheduler-command", UUID.randomUUID().toString(),
                    new ManageService(cluster, "UpdateService", scale, null));
            publish(update);
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                read.run();
                return answers.containsKey(update.eventId());
            });
            assertThat(answers.get(update.eventId()).errorType()).isNull();
            String more = prefix + "container-instance/" + name + "/s2";
            publish(envelope("container-instance", more, new InstanceRegistered(cluster, more, "i-s2", null,
                    List.of(new Resource("CPU", "INTEGER", 1024L, null),
                            new Resource("MEMORY", "INTEGER", (long) TASK_MEMORY, null)), List.of(), null,
                    List.of())));
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                read.run();
                return placed.size() > 2;
            });
            assertThat(placed).hasSize(3);
            assertThat(placed.get(2).containerInstanceArn()).isEqualTo(more);
            // No rebalance came between: its resumption of the cluster's services is not what woke the owner.
            assertThat(assignment(admin)).isEqualTo(split);
        } finally {
            first.process().destroyForcibly().waitFor();
            second.process().destroyForcibly().waitFor();
        }
    }
}
