package io.berth.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.instance.InstanceService;
import io.berth.agent.runtime.InstanceTypes;
import io.berth.agent.task.InstanceTask;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Launches and retires container instances whose agents this service hosts: the one launcher behind
 * Berth's fleet API and the Auto Scaling groups. A launch registers the instance as its agent would and
 * starts hosting the agent; a retirement stops what still runs there, deregisters the instance and stops
 * its agent.
 */
@ApplicationScoped
public class Fleet {

    private final InstanceService instances;
    private final HostedAgents agents;
    private final RuntimeRegistry runtimes;

    public Fleet(InstanceService instances, HostedAgents agents, RuntimeRegistry runtimes) {
        this.instances = instances;
        this.agents = agents;
        this.runtimes = runtimes;
    }

    /**
     * One instance to launch: its EC2 instance id (null for a new one; the same id registers the same
     * container instance again, so a launch may be retried), its custom attributes, and the capacity
     * provider whose Auto Scaling group launches it (null for none).
     */
    public record Launch(Caller caller, UUID correlationId, String clusterName, InstanceTypes.InstanceType type,
            String availabilityZone, String runtime, JsonNode attributes, String ec2InstanceId,
            String capacityProviderName) {
    }

    /** Checks that the runtime exists and can run here, before anything is launched with it. */
    public void checkRuntime(String runtime) {
        runtimes.provider(runtime).checkAvailable();
    }

    /** Launches one instance; answers its container instance ARN. */
    public String launch(Launch launch) {
        RuntimeProvider provider = runtimes.provider(launch.runtime());
        String instanceId = launch.ec2InstanceId() != null ? launch.ec2InstanceId()
                : "i-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        ObjectNode register = registration(launch, instanceId, provider.capabilities());
        String arn = instances.register(EcsRequest.of(register), launch.caller(), launch.correlationId(),
                launch.capacityProviderName()).path("containerInstance").path("containerInstanceArn").asText();
        if (!agents.hosts(arn)) {
            HostedAgent agent = new HostedAgent();
            agent.containerInstanceArn = arn;
            agent.clusterArn = Arns.cluster(launch.caller(), launch.clusterName());
            agent.account = launch.caller().account();
            agent.region = launch.caller().region();
            agent.runtime = launch.runtime();
            agent.instanceType = launch.type().name();
            QuarkusTransaction.requiringNew().run(() -> agents.add(agent));
        }
        return arn;
    }

    /**
     * The instance's tasks that are not a daemon service's: what draining waits for, as ECS stops daemon tasks
     * only once the others have left.
     */
    public long nonDaemonTasksOn(String containerInstanceArn) {
        return QuarkusTransaction.requiringNew().call(() -> InstanceTask.count("""
                from InstanceTask t where t.containerInstanceArn = ?1 and (t.taskGroup is null or not exists (
                 select d.serviceArn from DaemonService d where d.clusterArn = t.clusterArn
                 and d.taskGroup = t.taskGroup))""", containerInstanceArn));
    }

    /**
     * Retires an instance: the tasks still on it are stopped (as EC2 stops them when the instance goes),
     * the container instance is deregistered and its agent is no longer hosted.
     */
    public void retire(String containerInstanceArn, String account, String region, String reason) {
        List<InstanceTask> tasks = QuarkusTransaction.requiringNew().call(() -> InstanceTask
                .<InstanceTask>list("containerInstanceArn", containerInstanceArn));
        tasks.forEach(task -> agents.stop(task.taskArn, containerInstanceArn, "TerminationNotice", reason));
        instances.deregister(containerInstanceArn, account, region);
        agents.retire(containerInstanceArn);
    }

    /** A RegisterContainerInstance request as the instance's agent would send it. */
    private static ObjectNode registration(Launch launch, String instanceId, Set<String> capabilities) {
        InstanceTypes.InstanceType type = launch.type();
        ObjectNode register = EventJson.mapper().createObjectNode();
        register.put("cluster", launch.clusterName());
        // The instance id as the client token: launching the same instance again registers it again.
        register.put("clientToken", instanceId);
        ObjectNode identity = EventJson.mapper().createObjectNode().put("instanceId", instanceId)
                .put("instanceType", type.name()).put("availabilityZone", launch.availabilityZone())
                .put("architecture", type.architecture()).put("imageId", "ami-berth-" + launch.runtime());
        register.put("instanceIdentityDocument", identity.toString());
        ArrayNode resources = register.putArray("totalResources");
        resources.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", type.registeredCpu());
        resources.addObject().put("name", "MEMORY").put("type", "INTEGER")
                .put("integerValue", type.registeredMemory());
        resources.addObject().put("name", "PORTS").put("type", "STRINGSET").putArray("stringSetValue")
                .add("22").add("2375").add("2376").add("51678").add("51679");
        resources.addObject().put("name", "PORTS_UDP").put("type", "STRINGSET").putArray("stringSetValue");
        register.putObject("versionInfo").put("agentVersion", "berth-" + launch.runtime())
                .put("dockerVersion", "none");
        // As a real agent does, it reports what its runtime honours and its OS; ECS adds nothing (ADR 0023).
        ArrayNode custom = register.putArray("attributes");
        capabilities.forEach(capability -> custom.addObject().put("name", capability));
        custom.addObject().put("name", "ecs.os-type").put("value", "linux");
        custom.addObject().put("name", "ecs.os-family").put("value", "LINUX");
        custom.addObject().put("name", "berth.runtime").put("value", launch.runtime());
        if (launch.attributes() != null) {
            for (Map.Entry<String, JsonNode> attribute
                    : (Iterable<Map.Entry<String, JsonNode>>) launch.attributes()::fields) {
                custom.addObject().put("name", attribute.getKey()).put("value", attribute.getValue().asText());
            }
        }
        return register;
    }
}
