package io.berth.scheduler.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.eventstore.ProjectionRebuilder;
import io.berth.scheduler.placement.InstanceRecord;
import io.berth.scheduler.service.ServiceProjection;
import io.berth.scheduler.task.SchedulerDriver;
import io.berth.scheduler.task.TaskProjection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task and service projections rebuilt from the event store answer exactly like the live ones. */
@QuarkusTest
class RebuildTest {

    @Inject
    ProjectionRebuilder rebuilder;
    @Inject
    TaskProjection tasks;
    @Inject
    ServiceProjection services;

    SchedulerDriver driver = new SchedulerDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void rebuiltTasksAndServicesAnswerExactlyLikeTheLiveOnes() {
        String instance = driver.instance("a1", 4096, 8192, "eu-west-1a");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InstanceRecord.findById(instance) != null));
        List<String> run = driver.send(driver.runTask(SchedulerDriver.definition("job", 128, 0), 2, "ci", null))
                .taskArns();
        driver.report(run.get(0), instance, 1, "RUNNING", null);
        driver.report(run.get(1), instance, 1, "RUNNING", null);
        driver.report(run.get(1), instance, 2, "STOPPED", 1);
        driver.reportHealth(run.get(0), instance, 2, "HEALTHY");
        driver.send(new io.berth.events.SchedulerCommand.TagResource(driver.clusterArn, run.get(0),
                List.of(new io.berth.events.Shapes.Tag("team", "a")), null));
        driver.send(driver.service("CreateService", "{\"serviceName\":\"web\",\"desiredCount\":2,"
                + "\"taskDefinition\":\"web\",\"propagateTags\":\"SERVICE\",\"tags\":[{\"key\":\"app\","
                + "\"value\":\"web\"}]}", SchedulerDriver.definition("web", 64, null)));
        List<String> web = await().atMost(Duration.ofSeconds(30)).until(() -> taskArns("web"), t -> t.size() == 2);
        web.forEach(t -> driver.report(t, instance, 1, "RUNNING", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> describeServices().contains("has reached a steady state."));
        driver.send(driver.service("UpdateService", "{\"service\":\"web\",\"desiredCount\":1}", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> taskArns("web").size() == 1);
        List<String> everything = new ArrayList<>(run);
        everything.addAll(web);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String described = driver.ecs.ok("DescribeTasks", "{\"cluster\":\"" + driver.clusterName
                    + "\",\"tasks\":[\"" + String.join("\",\"", run) + "\"]}").extract().asString();
            return described.contains("\"healthStatus\":\"HEALTHY\"") && described.contains("\"exitCode\":1");
        });

        List<String> live = answers(everything);
        rebuilder.rebuild(tasks);
        rebuilder.rebuild(services);

        assertThat(answers(everything)).isEqualTo(live);
    }

    private List<String> taskArns(String service) {
        return driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"serviceName\":\""
                + service + "\"}").extract().jsonPath().getList("taskArns", String.class);
    }

    private String describeServices() {
        return driver.ecs.ok("DescribeServices", "{\"cluster\":\"" + driver.clusterName
                + "\",\"services\":[\"web\"],\"include\":[\"TAGS\"]}").extract().asString();
    }

    private List<String> answers(List<String> taskArns) {
        String cluster = "\"cluster\":\"" + driver.clusterName + "\"";
        return List.of(
                driver.ecs.ok("DescribeTasks", "{" + cluster + ",\"tasks\":[\"" + String.join("\",\"", taskArns)
                        + "\"],\"include\":[\"TAGS\"]}").extract().asString(),
                driver.ecs.ok("ListTasks", "{" + cluster + "}").extract().asString(),
                driver.ecs.ok("ListTasks", "{" + cluster + ",\"desiredStatus\":\"STOPPED\"}").extract().asString(),
                driver.ecs.ok("ListTasks", "{" + cluster + ",\"family\":\"job\"}").extract().asString(),
                describeServices(),
                driver.ecs.ok("ListServices", "{" + cluster + "}").extract().asString(),
                driver.ecs.get("/v1/clusters/" + driver.clusterName + "/capacity").extract().asString(),
                driver.ecs.get("/v1/clusters/" + driver.clusterName + "/tasks/"
                        + io.berth.ecs.Arns.idOf(taskArns.get(0)) + "/placement").extract().asString());
    }
}
