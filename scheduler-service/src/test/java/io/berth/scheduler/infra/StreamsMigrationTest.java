package io.berth.scheduler.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.BerthEvent;
import io.berth.events.EventJson;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.Shapes.DeploymentCircuitBreaker;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.scheduler.service.Deployment;
import io.berth.scheduler.service.ServiceDecider;
import io.berth.scheduler.service.ServiceState;
import io.berth.scheduler.service.ServiceView;
import io.berth.scheduler.task.TaskDecider;
import io.berth.scheduler.task.TaskState;
import io.berth.scheduler.task.TaskView;
import io.berth.testsupport.SharedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V20261205.0100 against the real database: tasks and services written the way the scheduler wrote
 * them before (rows that held the state, streams of events that lacked members) are, after the
 * migration, streams that fold into exactly what their rows hold, and DescribeTasks answers the
 * same JSON.
 */
class StreamsMigrationTest {

    static final String ACCOUNT = "000000000000";
    static final String PREFIX = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":";
    static final String CLUSTER = PREFIX + "cluster/old";
    static final String TASK = PREFIX + "task/old/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    static final String INSTANCE = PREFIX + "container-instance/old/4b6d45ea";
    static final String SERVICE = PREFIX + "service/old/web";
    static final String TD = PREFIX + "task-definition/web:1";
    static final String DEPLOYMENT = Deployment.deriveId("first");
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.125Z");

    /** The task as the old TaskDocument stored it after a RUNNING report and a StopTask. */
    static final String DOCUMENT = """
            {"attachments":[],"availabilityZone":"us-east-1a","clusterArn":"%1$s","connectivity":"CONNECTED",\
            "connectivityAt":1796119200.125,"containerInstanceArn":"%2$s","containers":[{"containerArn":\
            "%4$scontainer/old/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c/5b1f0c2e-8f41-3c55-9b5f-2d1c6f1e6a10","taskArn":\
            "%3$s","name":"app","image":"busybox","lastStatus":"RUNNING","networkInterfaces":[],"healthStatus":\
            "UNKNOWN","cpu":"128","memory":"256","networkBindings":[{"bindIP":"0.0.0.0","containerPort":8080,\
            "hostPort":8080,"protocol":"tcp"}]}],"cpu":"128","createdAt":1796119200.125,"desiredStatus":"STOPPED",\
            "enableExecuteCommand":false,"group":"family:web","healthStatus":"UNKNOWN","lastStatus":"RUNNING",\
            "launchType":"EC2","memory":"256","overrides":{"containerOverrides":[],"inferenceAcceleratorOverrides":\
            []},"taskArn":"%3$s","taskDefinitionArn":"%4$stask-definition/web:1","version":3,\
            "pullStartedAt":1796119201.000,"pullStoppedAt":1796119201.500,"startedAt":1796119202.000,\
            "stopCode":"UserInitiated","stoppedReason":"done","stoppingAt":1796119260.000}\
            """.formatted(CLUSTER, INSTANCE, TASK, PREFIX);

    @Test
    void existingTasksAndServicesGetAStreamThatFoldsIntoTheirRows() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        String url = infra.newDatabase("migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        flyway(url, infra.dbUser()).target("20261126.0102").load().migrate();
        ServiceState service = serviceAsStored();
        try (Connection c = DriverManager.getConnection(url, infra.dbUser(), "")) {
            writeTheOldWay(c, service);
        }

        flyway(url, infra.dbUser()).load().migrate();

        try (Connection c = DriverManager.getConnection(url, infra.dbUser(), "")) {
            List<JsonNode> taskStream = stream(c, TASK);
            assertThat(taskStream).extracting(e -> e.path("type").asText())
                    .containsExactly("TaskPlaced", "TaskStopRequested", "TaskImported");
            TaskView task = taskRow(c);
            assertThat(task.version).isEqualTo(3);
            assertThat(task.document).isEqualTo(DOCUMENT);
            assertThat(task.portBindings).isEqualTo("[{\"bindIP\":\"0.0.0.0\",\"containerPort\":8080,"
                    + "\"hostPort\":8080,\"protocol\":\"tcp\"}]");
            assertThat(task.startedAt).isEqualTo(Instant.parse("2026-12-01T10:00:02Z"));
            assertThat(task.stopCode).isEqualTo("UserInitiated");
            assertThat(task.healthStatus).isEqualTo("UNKNOWN");
            TaskDecider tasks = new TaskDecider();
            TaskState folded = tasks.fold(null, payloads(taskStream, TaskEvent.class));
            assertThat(folded).isEqualTo(task.state());
            JsonNode described = EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(folded.task()));
            assertThat(described).isEqualTo(EventJson.mapper().readTree(DOCUMENT));
            assertThat(folded.tags()).containsExactly(new Tag("team", "a"));
            assertThat(folded.reportVersion()).isEqualTo(2);

            List<JsonNode> serviceStream = stream(c, SERVICE);
            assertThat(serviceStream).extracting(e -> e.path("type").asText())
                    .containsExactly("ServiceCreated", "DeploymentStarted", "ServiceImported");
            ServiceView row = serviceRow(c);
            assertThat(row.version).isEqualTo(3);
            ServiceState serviceFolded = new ServiceDecider().fold(null, payloads(serviceStream, ServiceEvent.class));
            assertThat(serviceFolded).isEqualTo(row.toState()).isEqualTo(withToken(service, "create-web"));

            try (PreparedStatement s = c.prepareStatement(
                    "select count(*) from es_outbox where event_type in ('TaskImported', 'ServiceImported')");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("imported events are never published").isZero();
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url, String user) {
        return Flyway.configure().dataSource(url, user, "").locations("classpath:db/eventstore",
                "classpath:db/migration");
    }

    /** A service the reconciler had brought to a steady state, as ServiceState's JSON held it then. */
    private static ServiceState serviceAsStored() {
        ServiceDecider decider = new ServiceDecider();
        ServiceState created = decider.fold(null, List.of(created(), started()));
        return created.record("(service web) has reached a steady state.", T0.plusSeconds(30));
    }

    private static ServiceState withToken(ServiceState state, String token) {
        return new ServiceState(state.spec(), state.status(), state.deployments(), state.lastCompletedDeployment(),
                state.steady(), state.events(), state.countedStops(), state.createdAt(), token);
    }

    private static ServiceCreated created() {
        return new ServiceCreated(CLUSTER, SERVICE, "web", TD, 1, "REPLICA", "EC2", new DeploymentConfiguration(100,
                200, new DeploymentCircuitBreaker(false, false)), List.of(), List.of(), null, 0, List.of(), null,
                "NONE", List.of(), null, T0);
    }

    private static DeploymentStarted started() {
        return new DeploymentStarted(CLUSTER, SERVICE, DEPLOYMENT, TD, 1, null, T0);
    }

    private static void writeTheOldWay(Connection c, ServiceState service) throws SQLException {
        ObjectNode definition = EventJson.mapper().createObjectNode().put("family", "web").put("revision", 1);
        definition.putArray("containerDefinitions").addObject().put("name", "app").put("image", "busybox")
                .put("cpu", 128).put("memory", 256);
        event(c, "task", TASK, 1, new TaskPlaced(CLUSTER, TASK, TD, INSTANCE, "family:web", null, "EC2", null, 128, 256,
                List.of(new NetworkBinding("0.0.0.0", 8080, 8080, "tcp")), definition, null,
                List.of(new Tag("team", "a")), null));
        event(c, "task", TASK, 2, new TaskStopRequested(CLUSTER, TASK, INSTANCE, "UserInitiated", "done"));
        try (PreparedStatement s = c.prepareStatement("""
                insert into task_view (task_arn, account, region, cluster_arn, container_instance_arn, family,
                    task_group, started_by, launch_type, desired_status, last_status, created_at, stopped_at,
                    report_version, cpu, memory, tcp_ports, udp_ports, document, tags, placement)
                values (?, ?, 'us-east-1', ?, ?, 'web', 'family:web', null, 'EC2', 'STOPPED', 'RUNNING', ?, null, 2,
                        128, 256, '[8080]', '[]', ?, '[{"key":"team","value":"a"}]', null)
                """)) {
            s.setString(1, TASK);
            s.setString(2, ACCOUNT);
            s.setString(3, CLUSTER);
            s.setString(4, INSTANCE);
            s.setTimestamp(5, Timestamp.from(T0));
            s.setString(6, DOCUMENT);
            s.executeUpdate();
        }
        // The old service events lack what the spec has; their JSON is the same whatever the new members.
        event(c, "service", SERVICE, 1, new ServiceCreated(CLUSTER, SERVICE, "web", TD, 1, "REPLICA", "EC2",
                created().deploymentConfiguration(), List.of(), List.of()));
        event(c, "service", SERVICE, 2, new DeploymentStarted(CLUSTER, SERVICE, DEPLOYMENT, TD, 1, null, null));
        ObjectNode state = EventJson.mapper().valueToTree(service);
        state.remove("clientToken");
        try (PreparedStatement s = c.prepareStatement("""
                insert into service_view (service_arn, account, region, cluster_arn, service_name, status, launch_type,
                    scheduling_strategy, client_token, state)
                values (?, ?, 'us-east-1', ?, 'web', 'ACTIVE', 'EC2', 'REPLICA', 'create-web', ?)
                """)) {
            s.setString(1, SERVICE);
            s.setString(2, ACCOUNT);
            s.setString(3, CLUSTER);
            s.setString(4, state.toString());
            s.executeUpdate();
        }
    }

    private static void event(Connection c, String type, String stream, long version, BerthEvent payload)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into es_event (event_id, stream_type, stream_id, version, event_type, schema_version, account,
                    region, occurred_at, payload)
                values (?, ?, ?, ?, ?, 1, ?, 'us-east-1', ?, ?::json)
                """)) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, type);
            s.setString(3, stream);
            s.setLong(4, version);
            s.setString(5, io.berth.events.EventTypes.nameOf(payload));
            s.setString(6, ACCOUNT);
            s.setTimestamp(7, Timestamp.from(T0));
            s.setString(8, EventJson.payloadToJson(payload).toString());
            s.executeUpdate();
        }
    }

    private static List<JsonNode> stream(Connection c, String id) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select event_type, payload::text from es_event where stream_id = ? order by version")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ObjectNode event = EventJson.mapper().createObjectNode().put("type", rs.getString(1));
                    event.set("payload", EventJson.mapper().readTree(rs.getString(2)));
                    events.add(event);
                }
            }
        }
        return events;
    }

    private static <E extends BerthEvent> List<E> payloads(List<JsonNode> stream, Class<E> type) {
        return stream.stream().map(e -> type.cast(EventJson.payloadFromJson(e.path("type").asText(),
                e.path("payload")))).toList();
    }

    private static TaskView taskRow(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select document, tags, port_bindings, placement,"
                + " report_version, version, started_at, stop_code, health_status from task_view where task_arn = ?")) {
            s.setString(1, TASK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                TaskView row = new TaskView();
                row.document = rs.getString(1);
                row.tags = rs.getString(2);
                row.portBindings = rs.getString(3);
                row.placement = rs.getString(4);
                row.reportVersion = rs.getLong(5);
                row.version = rs.getLong(6);
                row.startedAt = rs.getTimestamp(7).toInstant();
                row.stopCode = rs.getString(8);
                row.healthStatus = rs.getString(9);
                return row;
            }
        }
    }

    private static ServiceView serviceRow(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select state, version from service_view where service_arn = ?")) {
            s.setString(1, SERVICE);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                ServiceView row = new ServiceView();
                row.state = rs.getString(1);
                row.version = rs.getLong(2);
                return row;
            }
        }
    }
}
