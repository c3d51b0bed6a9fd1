package io.berth.events;

import java.util.List;
import java.util.Map;

/**
 * Value shapes shared by several events. Field names follow the ECS API model so that a payload
 * reads like the ECS object it describes.
 */
public final class Shapes {

    private Shapes() {
    }

    public record Tag(String key, String value) {
    }

    public record KeyValue(String name, String value) {
    }

    public record Attribute(String name, String value, String targetType, String targetId) {
    }

    public record CapacityProviderStrategyItem(String capacityProvider, int weight, int base) {
    }

    /** An ECS {@code Resource}: INTEGER for CPU and MEMORY, STRINGSET for PORTS and PORTS_UDP. */
    public record Resource(String name, String type, Long integerValue, List<String> stringSetValue) {
    }

    public record VersionInfo(String agentVersion, String agentHash, String dockerVersion) {
    }

    public record PlacementConstraint(String type, String expression) {
    }

    public record PlacementStrategy(String type, String field) {
    }

    public record NetworkBinding(String bindIP, int containerPort, int hostPort, String protocol) {
    }

    /**
     * One container as its agent reports it. {@code healthStatus} (HEALTHY, UNHEALTHY, UNKNOWN) is
     * set only for a container with a health check; {@code runtimeId} is the engine's container id,
     * null where no engine runs the container.
     */
    public record ContainerState(String name, String lastStatus, Integer exitCode, String reason,
            List<NetworkBinding> networkBindings, String healthStatus, String runtimeId) {

        /** A container without a health check or engine id, as agents without an engine report it. */
        public ContainerState(String name, String lastStatus, Integer exitCode, String reason,
                List<NetworkBinding> networkBindings) {
            this(name, lastStatus, exitCode, reason, networkBindings, null, null);
        }
    }

    public record Failure(String arn, String reason, String detail) {
    }

    /**
     * What the placement engine saw when it chose (or failed to choose): the candidates it
     * considered, how many it rejected for each reason, and the scores of the chosen instance.
     */
    public record PlacementDiagnostics(int candidatesSeen, Map<String, Integer> rejectionsByReason,
            String closestInstanceArn, List<Double> chosenScores) {
    }

    public record DeploymentCircuitBreaker(boolean enable, boolean rollback) {
    }

    public record DeploymentConfiguration(int minimumHealthyPercent, int maximumPercent,
            DeploymentCircuitBreaker deploymentCircuitBreaker) {
    }

    /**
     * A service's load balancer: a target group ({@code targetGroupArn}) or a Classic Load Balancer
     * ({@code loadBalancerName}), and the container and port it sends traffic to.
     */
    public record LoadBalancer(String targetGroupArn, String loadBalancerName, String containerName,
            Integer containerPort) {
    }

    /** An ECS {@code NetworkConfiguration}: where the ENI of an awsvpc task goes. */
    public record NetworkConfiguration(AwsVpcConfiguration awsvpcConfiguration) {
    }

    /** {@code assignPublicIp} is ENABLED or DISABLED (the default). */
    public record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, String assignPublicIp) {
    }

    /**
     * The elastic network interface of an awsvpc task on Fargate, as its ECS attachment details name
     * it: the attachment's id, the ENI's id, the subnet it is in, its address, MAC and DNS name.
     */
    public record Eni(String attachmentId, String networkInterfaceId, String subnetId, String privateIpv4Address,
            String macAddress, String privateDnsName) {
    }

    /**
     * One deployment of a service as the scheduler counted its tasks.
     *
     * @param failedTasks the tasks that failed since the deployment started or, once one of its tasks
     *     was healthy ({@code healthyTaskSeen}), since then
     */
    public record DeploymentCounts(String deploymentId, int desiredCount, int pendingCount, int runningCount,
            int failedTasks, boolean healthyTaskSeen) {
    }

    public record ManagedScaling(String status, int targetCapacity, int minimumScalingStepSize,
            int maximumScalingStepSize, int instanceWarmupPeriod) {
    }
}
