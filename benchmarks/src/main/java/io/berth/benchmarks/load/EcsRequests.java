package io.berth.benchmarks.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The requests the scenarios send, with their members spelled as the ECS API spells them. */
final class EcsRequests {

    /** Each registered instance offers 64 vCPUs and 256 GiB, room for 4,096 tasks of {@link #TASK_CPU}. */
    static final int INSTANCE_CPU = 65_536;
    static final int INSTANCE_MEMORY = 262_144;
    static final int TASK_CPU = 16;
    static final int TASK_MEMORY = 64;
    static final String STARTED_BY = "berth-load";
    private static final String[] ZONES = {"a", "b", "c"};

    private EcsRequests() {
    }

    static EcsRequest createCluster(String cluster) {
        return EcsRequest.of("CreateCluster", Json.object().put("clusterName", cluster));
    }

    static EcsRequest registerTaskDefinition(String family) {
        ObjectNode container = Json.object()
                .put("name", "app")
                .put("image", "public.ecr.aws/docker/library/busybox:latest")
                .put("cpu", TASK_CPU)
                .put("memory", TASK_MEMORY)
                .put("essential", true);
        container.set("command", Json.array("sleep", "3600"));
        ObjectNode body = Json.object().put("family", family);
        body.putArray("containerDefinitions").add(container);
        return EcsRequest.of("RegisterTaskDefinition", body);
    }

    static final String INSTANCE_TYPE = "m5.16xlarge";

    /** The made-up EC2 id of the {@code index}-th instance, for endpoints that take the agent's word. */
    static String instanceId(int index) {
        return String.format("i-load%011x", index);
    }

    /** The {@code index}-th instance of a fleet spread over three availability zones of the region. */
    static EcsRequest registerContainerInstance(String cluster, String region, int index, String instanceId) {
        String identity = Json.object()
                .put("instanceId", instanceId)
                .put("instanceType", INSTANCE_TYPE)
                .put("availabilityZone", region + ZONES[index % ZONES.length])
                .put("region", region)
                .toString();
        ObjectNode body = Json.object().put("cluster", cluster).put("instanceIdentityDocument", identity);
        ArrayNode resources = body.putArray("totalResources");
        resources.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", INSTANCE_CPU);
        resources.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", INSTANCE_MEMORY);
        resources.addObject().put("name", "PORTS").put("type", "STRINGSET")
                .set("stringSetValue", Json.array("22", "2375", "2376", "51678", "51679"));
        body.putObject("versionInfo").put("agentVersion", "1.89.0");
        return EcsRequest.of("RegisterContainerInstance", body);
    }

    static EcsRequest runTask(String cluster, String family, int count) {
        return EcsRequest.of("RunTask", Json.object()
                .put("cluster", cluster)
                .put("taskDefinition", family)
                .put("count", count)
                .put("startedBy", STARTED_BY));
    }

    static EcsRequest describeClusters(String cluster) {
        ObjectNode body = Json.object();
        body.set("clusters", Json.array(cluster));
        return EcsRequest.of("DescribeClusters", body);
    }

    static EcsRequest listTasks(String cluster) {
        return EcsRequest.of("ListTasks", Json.object().put("cluster", cluster));
    }

    static EcsRequest describeTasks(String cluster, List<String> tasks) {
        ObjectNode body = Json.object().put("cluster", cluster);
        body.set("tasks", Json.array(tasks.toArray(String[]::new)));
        return EcsRequest.of("DescribeTasks", body);
    }

    static EcsRequest listContainerInstances(String cluster) {
        return EcsRequest.of("ListContainerInstances", Json.object().put("cluster", cluster));
    }

    static EcsRequest updateClusterSettings(String cluster, boolean containerInsights) {
        ObjectNode body = Json.object().put("cluster", cluster);
        body.putArray("settings").addObject()
                .put("name", "containerInsights")
                .put("value", containerInsights ? "enabled" : "disabled");
        return EcsRequest.of("UpdateClusterSettings", body);
    }

    static EcsRequest createService(String cluster, String service, String family) {
        return EcsRequest.of("CreateService", Json.object()
                .put("cluster", cluster)
                .put("serviceName", service)
                .put("taskDefinition", family)
                .put("desiredCount", 0));
    }

    static EcsRequest updateService(String cluster, String service, int desiredCount) {
        return EcsRequest.of("UpdateService", Json.object()
                .put("cluster", cluster)
                .put("service", service)
                .put("desiredCount", desiredCount));
    }
}
