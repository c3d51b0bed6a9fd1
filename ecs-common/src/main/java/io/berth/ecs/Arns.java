package io.berth.ecs;

import java.util.Optional;

/**
 * Long-format ECS ARNs, built and taken apart here and nowhere else:
 * {@code arn:aws:ecs:<region>:<account>:<type>/<path>}, where the path of a resource that lives in a
 * cluster ({@code task}, {@code service}, {@code container-instance}) starts with the cluster's name.
 */
public final class Arns {

    private static final String ECS = "arn:aws:ecs:";

    private Arns() {
    }

    /**
     * An ECS ARN taken apart.
     *
     * @param prefix {@code arn:aws:ecs:<region>:<account>:}
     * @param type {@code cluster}, {@code task}, {@code service}, {@code task-definition}, …
     * @param path what follows {@code <type>/}
     */
    public record Arn(String prefix, String type, String path) {

        public String region() {
            return prefix.split(":")[3];
        }

        public String account() {
            return prefix.split(":")[4];
        }

        /** The last part of the path: a task's id, a service's or cluster's name. */
        public String id() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** For a resource that lives in a cluster, the cluster's ARN; empty for any other. */
        public Optional<String> clusterArn() {
            int slash = path.indexOf('/');
            return slash <= 0 || "cluster".equals(type) ? Optional.empty()
                    : Optional.of(prefix + "cluster/" + path.substring(0, slash));
        }

        @Override
        public String toString() {
            return prefix + type + "/" + path;
        }
    }

    /** The ARN taken apart; empty if it is not an ECS ARN of the long format. */
    public static Optional<Arn> parse(String arn) {
        if (arn == null || !arn.startsWith(ECS)) {
            return Optional.empty();
        }
        int account = arn.indexOf(':', ECS.length());
        int resource = account < 0 ? -1 : arn.indexOf(':', account + 1);
        int slash = resource < 0 ? -1 : arn.indexOf('/', resource + 1);
        if (slash < 0 || slash == resource + 1 || slash == arn.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Arn(arn.substring(0, resource + 1), arn.substring(resource + 1, slash),
                arn.substring(slash + 1)));
    }

    /**
     * The account of any AWS ARN, {@code arn:<partition>:<service>:<region>:<account>:<resource>} (an IAM role's
     * too, whose region is empty); empty when {@code arn} is not an ARN or names no account.
     */
    public static Optional<String> accountOf(String arn) {
        String[] fields = arn == null ? new String[0] : arn.split(":", 6);
        if (fields.length < 6 || !"arn".equals(fields[0]) || !fields[4].matches("\\d{12}")) {
            return Optional.empty();
        }
        return Optional.of(fields[4]);
    }

    /** {@link #parse} of an ARN Berth built itself, which can not fail. */
    private static Arn known(String arn) {
        return parse(arn).orElseThrow(() -> new IllegalArgumentException("Not an ECS ARN: " + arn));
    }

    /** The last part of an ARN: a task's id, a service's name. */
    public static String idOf(String arn) {
        return known(arn).id();
    }

    /** The family of a task definition revision's ARN ({@code …:task-definition/<family>:<revision>}). */
    public static String familyOf(String taskDefinitionArn) {
        String id = known(taskDefinitionArn).id();
        int colon = id.lastIndexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }

    /** The cluster of a task, service or container instance ARN. */
    public static String clusterOf(String arn) {
        return known(arn).clusterArn().orElseThrow(() -> new IllegalArgumentException("Not in a cluster: " + arn));
    }

    /**
     * A resource of the cluster {@code clusterArn}: {@code arn:…:<type>/<cluster>/<id>}, e.g. a service by its
     * name or a task by its id.
     */
    public static String inCluster(String clusterArn, String resourceType, String id) {
        Arn cluster = known(clusterArn);
        return cluster.prefix() + resourceType + "/" + cluster.path() + "/" + id;
    }

    /**
     * The ARN of a task's container by its name, as DescribeTasks shows it (the scheduler names containers the same
     * way): its id is a name-based UUID of the task ARN and the container name.
     */
    public static String taskContainer(String taskArn, String containerName) {
        return container(taskArn, java.util.UUID.nameUUIDFromBytes((taskArn + containerName)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }

    /** The ARN of a container of a task: {@code arn:…:container/<cluster>/<task id>/<container id>}. */
    public static String container(String taskArn, String containerId) {
        Arn task = known(taskArn);
        return task.prefix() + "container/" + task.path() + "/" + containerId;
    }

    /**
     * A resource named by an Application Auto Scaling resource id ({@code service/<cluster>/<name>}),
     * in the account and region of {@code sameAs}.
     */
    public static String ofResourceId(String sameAs, String resourceId) {
        return known(sameAs).prefix() + resourceId;
    }

    public static String cluster(Caller caller, String name) {
        return caller.arnPrefix() + "cluster/" + name;
    }

    /** The caller's cluster named in a {@code /v1} path, by name or ARN. */
    public static String clusterInPath(Caller caller, String nameOrArn) {
        return cluster(caller, nameOf(caller, "cluster", nameOrArn).orElse(nameOrArn));
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
