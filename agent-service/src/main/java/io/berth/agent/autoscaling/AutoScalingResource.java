package io.berth.agent.autoscaling;

import io.berth.ecs.query.QueryDialect;
import io.berth.ecs.query.QueryException;
import io.berth.ecs.query.QueryRequest;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.rest.QueryResponses;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The EC2 Auto Scaling operations Berth answers, as the gateway forwards them: the form's parameters as a
 * flat JSON object, answered in Auto Scaling's XML (ADR 0038).
 */
@Path("/autoscaling")
@Tag(name = "Auto Scaling")
public class AutoScalingResource {

    private final GroupService groups;
    private final CallerContext context;

    public AutoScalingResource(GroupService groups, CallerContext context) {
        this.groups = groups;
        this.context = context;
    }

    @POST
    @Path("{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(QueryResponses.XML)
    @Operation(summary = "An EC2 Auto Scaling Query-protocol action (groups, instances, activities)")
    public Response call(@PathParam("action") String action, Map<String, String> parameters) {
        QueryRequest request = QueryDialect.AUTO_SCALING.request(parameters == null ? Map.of() : parameters);
        UUID requestId = context.requestId();
        var caller = context.caller();
        return QueryResponses.answer(QueryDialect.AUTO_SCALING, action, requestId.toString(), () -> switch (action) {
            case "CreateAutoScalingGroup" -> groups.create(request, caller, requestId);
            case "UpdateAutoScalingGroup" -> groups.update(request, caller, requestId);
            case "DescribeAutoScalingGroups" -> groups.describeGroups(request, caller);
            case "DescribeAutoScalingInstances" -> groups.describeInstances(request, caller);
            case "SetDesiredCapacity" -> groups.setDesiredCapacity(request, caller, requestId);
            case "TerminateInstanceInAutoScalingGroup" -> groups.terminateInstance(request, caller, requestId);
            case "SetInstanceProtection" -> groups.setInstanceProtection(request, caller, requestId);
            case "DeleteAutoScalingGroup" -> groups.delete(request, caller, requestId);
            case "DescribeScalingActivities" -> groups.describeActivities(request, caller);
            default -> throw new QueryException("InvalidAction", "The action " + action
                    + " is not valid for this web service.");
        });
    }
}
