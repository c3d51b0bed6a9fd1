package io.berth.ecs;

import java.util.Optional;

/** Long-format ECS ARNs, built for a caller and parsed from what clients send. */
public final class Arns {

    private Arns() {
    }

    public static String cluster(Caller caller, String name) {
        return caller.arnPrefix() + "cluster/" + name;
    }

    /** The cluster a request names in its {@code cluster} member, by name or ARN; {@code default} if none. */
    public static String clusterName(EcsRequest request) {
        String cluster = request.string("cluster").orElse("default");
        int slash = cluster.lastIndexOf("cluster/");
        return slash >= 0 && cluster.startsWith("arn:") ? cluster.substring(slash + "cluster/".length()) : cluster;
    }

    /**
     * A resource that lives in a cluster ({@code task}, {@code container-instance}) named by its id
     * or by its full ARN: {@code arn:aws:ecs:<region>:<account>:<type>/<cluster>/<id>}.
     */
    public static String inCluster(Caller caller, String resourceType, String cluster, String idOrArn) {
        return idOrArn.startsWith("arn:") ? idOrArn
                : caller.arnPrefix() + resourceType + "/" + cluster + "/" + idOrArn;
    }

    public static String taskDefinition(Caller caller, String family, int revision) {
        return caller.arnPrefix() + "task-definition/" + family + ":" + revision;
    }

    public static String taskDefinitionFamily(Caller caller, String family) {
        return caller.arnPrefix() + "task-definition/" + family;
    }

    public static String capacityProvider(Caller caller, String name) {
        return caller.arnPrefix() + "capacity-provider/" + name;
    }

    /**
     * The name of a resource given by name or by ARN of the expected kind ({@code cluster},
     * {@code capacity-provider}, …); empty if an ARN is of another kind, account or region.
     */
    public static Optional<String> nameOf(Caller caller, String resourceType, String nameOrArn) {
        if (nameOrArn == null) {
            return Optional.empty();
        }
        if (!nameOrArn.startsWith("arn:")) {
            return Optional.of(nameOrArn);
        }
        String prefix = caller.arnPrefix() + resourceType + "/";
        if (!nameOrArn.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.of(nameOrArn.substring(prefix.length()));
    }
}
