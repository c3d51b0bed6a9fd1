package io.berth.gateway.routing;

import io.berth.ecs.query.QueryDialect;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Query-protocol APIs the gateway serves on {@code POST /} (form-encoded, {@code Action} and
 * {@code Version}): the actions Berth implements, each answered by its owner on
 * {@code POST <internalPath><Action>} (ADR 0038). Launch templates and Auto Scaling groups are the
 * agent-service's.
 */
public final class QueryFaces {

    /** One Query API: how it is spelled, who owns it, where the owner answers, what Berth implements. */
    public record QueryFace(QueryDialect dialect, String title, Owner owner, String internalPath,
            Set<String> actions) {
    }

    public static final QueryFace AUTO_SCALING = new QueryFace(QueryDialect.AUTO_SCALING, "EC2 Auto Scaling",
            Owner.AGENT_SERVICE, "/autoscaling/", Set.of("CreateAutoScalingGroup", "UpdateAutoScalingGroup",
                    "DescribeAutoScalingGroups", "DescribeAutoScalingInstances", "SetDesiredCapacity",
                    "TerminateInstanceInAutoScalingGroup", "SetInstanceProtection", "DeleteAutoScalingGroup",
                    "DescribeScalingActivities"));
    public static final QueryFace EC2 = new QueryFace(QueryDialect.EC2, "EC2", Owner.AGENT_SERVICE, "/ec2/",
            Set.of("CreateLaunchTemplate", "DescribeLaunchTemplates", "DeleteLaunchTemplate"));

    private static final Map<QueryDialect, QueryFace> BY_DIALECT = Map.of(QueryDialect.AUTO_SCALING, AUTO_SCALING,
            QueryDialect.EC2, EC2);

    private QueryFaces() {
    }

    /**
     * The API of a request: the service its signature is scoped to ({@code autoscaling}, {@code ec2}), else
     * the {@code Version} it names; Auto Scaling when neither tells.
     */
    public static QueryFace of(Optional<String> signingName, Optional<String> version) {
        return signingName.flatMap(QueryDialect::ofSigningName)
                .or(() -> version.flatMap(QueryDialect::ofVersion))
                .map(BY_DIALECT::get).orElse(AUTO_SCALING);
    }
}
