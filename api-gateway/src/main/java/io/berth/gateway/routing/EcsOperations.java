package io.berth.gateway.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every ECS operation of the service model, and which owner answers it in Berth. Operations with
 * no owner yet are known but answered with a clear error naming them; {@code docs/api.md} is the
 * human-readable version of this table (kept in step by a test). Tagging is routed by the kind of
 * ARN it names, and the scheduler's commands travel over Kafka (ADR 0010).
 */
public final class EcsOperations {

    public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

    /** Operations routed by the ARN of the resource they name. */
    public static final Set<String> TAGGING = Set.of("TagResource", "UntagResource", "ListTagsForResource");

    /** Operations decided by the scheduler that owns the cluster: commands over Kafka, request-reply. */
    public static final Set<String> SCHEDULER_COMMANDS = Set.of("RunTask", "StartTask", "StopTask", "CreateService",
            "UpdateService", "DeleteService", "StopServiceDeployment", "CreateTaskSet", "UpdateTaskSet", "DeleteTaskSet",
            "UpdateServicePrimaryTaskSet");

    /** The scheduler's reads that name their cluster only in the ARNs they are given (ADR 0040). */
    public static final Set<String> SERVICE_DEPLOYMENTS_BY_ARN = Set.of("DescribeServiceDeployments",
            "DescribeServiceRevisions");

    private static final Set<String> ALL = Set.of(
            "CreateCapacityProvider", "CreateCluster", "CreateDaemon", "CreateExpressGatewayService",
            "CreateService", "CreateTaskSet", "DeleteAccountSetting", "DeleteAttributes", "DeleteCapacityProvider",
            "DeleteCluster", "DeleteDaemon", "DeleteDaemonTaskDefinition", "DeleteExpressGatewayService",
            "DeleteService", "DeleteTaskDefinitions", "DeleteTaskSet", "DeregisterContainerInstance",
            "DeregisterTaskDefinition", "DescribeCapacityProviders", "DescribeClusters",
            "DescribeContainerInstances", "DescribeDaemon", "DescribeDaemonDeployments", "DescribeDaemonRevisions",
            "DescribeDaemonTaskDefinition", "DescribeExpressGatewayService", "DescribeServiceDeployments",
            "DescribeServiceRevisions", "DescribeServices", "DescribeTaskDefinition", "DescribeTaskSets",
            "DescribeTasks", "DiscoverPollEndpoint", "ExecuteCommand", "GetTaskProtection", "ListAccountSettings",
            "ListAttributes", "ListClusters", "ListContainerInstances", "ListDaemonDeployments", "ListDaemons",
            "ListDaemonTaskDefinitions", "ListServiceDeployments", "ListServices", "ListServicesByNamespace",
            "ListTagsForResource", "ListTaskDefinitionFamilies", "ListTaskDefinitions", "ListTasks",
            "PutAccountSetting", "PutAccountSettingDefault", "PutAttributes", "PutClusterCapacityProviders",
            "RegisterContainerInstance", "RegisterDaemonTaskDefinition", "RegisterTaskDefinition", "RunTask",
            "StartTask", "StopServiceDeployment", "ContinueServiceDeployment", "StopTask",
            "SubmitAttachmentStateChanges", "SubmitContainerStateChange", "SubmitTaskStateChange", "TagResource",
            "UntagResource", "UpdateCapacityProvider", "UpdateCluster", "UpdateClusterSettings",
            "UpdateContainerAgent", "UpdateContainerInstancesState", "UpdateDaemon", "UpdateExpressGatewayService",
            "UpdateService", "UpdateServicePrimaryTaskSet", "UpdateTaskProtection", "UpdateTaskSet");

    private static final Map<String, Owner> OWNERS = new LinkedHashMap<>();

    static {
        for (String operation : new String[] {"CreateCluster", "DescribeClusters", "ListClusters", "UpdateCluster",
                "UpdateClusterSettings", "PutClusterCapacityProviders", "DeleteCluster", "RegisterTaskDefinition",
                "DescribeTaskDefinition", "ListTaskDefinitions", "ListTaskDefinitionFamilies",
                "DeregisterTaskDefinition", "DeleteTaskDefinitions", "CreateCapacityProvider",
                "DescribeCapacityProviders", "UpdateCapacityProvider", "DeleteCapacityProvider", "PutAccountSetting",
                "PutAccountSettingDefault", "ListAccountSettings", "DeleteAccountSetting"}) {
            OWNERS.put(operation, Owner.CLUSTER_SERVICE);
        }
        for (String operation : new String[] {"RegisterContainerInstance", "DescribeContainerInstances",
                "ListContainerInstances", "DeregisterContainerInstance", "UpdateContainerInstancesState", "PutAttributes",
                "DeleteAttributes", "ListAttributes", "DiscoverPollEndpoint", "SubmitTaskStateChange",
                "SubmitContainerStateChange"}) {
            OWNERS.put(operation, Owner.AGENT_SERVICE);
        }
        for (String operation : new String[] {"RunTask", "StartTask", "StopTask", "DescribeTasks", "ListTasks",
                "CreateService", "UpdateService", "DeleteService", "DescribeServices", "ListServices",
                "CreateTaskSet", "UpdateTaskSet", "DeleteTaskSet", "UpdateServicePrimaryTaskSet", "DescribeTaskSets"}) {
            OWNERS.put(operation, Owner.SCHEDULER_SERVICE);
        }
        for (String operation : SERVICE_DEPLOYMENTS_BY_ARN) {
            OWNERS.put(operation, Owner.SCHEDULER_SERVICE);
        }
        OWNERS.put("ListServiceDeployments", Owner.SCHEDULER_SERVICE);
        OWNERS.put("StopServiceDeployment", Owner.SCHEDULER_SERVICE);
    }

    /** Tagging is not in the owner table: its owner is the one of the ARN it names. */
    public static final ApiFace FACE = new ApiFace("ecs", "ECS", TARGET_PREFIX, ALL, OWNERS, "/ecs/",
            new ApiFace.ErrorFormat("message", "ServerException"));

    private EcsOperations() {
    }

    /** The owner of a taggable resource, by the kind its ARN names; empty for kinds not served yet. */
    public static Optional<Owner> ownerOfArn(String resourceArn) {
        int resource = resourceArn == null ? -1 : nthIndexOf(resourceArn, ':', 5);
        if (resource < 0) {
            return Optional.empty();
        }
        String kind = resourceArn.substring(resource + 1);
        if (kind.startsWith("cluster/") || kind.startsWith("task-definition/")
                || kind.startsWith("capacity-provider/")) {
            return Optional.of(Owner.CLUSTER_SERVICE);
        }
        if (kind.startsWith("task/") || kind.startsWith("service/")) {
            return Optional.of(Owner.SCHEDULER_SERVICE);
        }
        if (kind.startsWith("container-instance/")) {
            return Optional.of(Owner.AGENT_SERVICE);
        }
        return Optional.empty();
    }

    private static int nthIndexOf(String text, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(c, at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }
}
