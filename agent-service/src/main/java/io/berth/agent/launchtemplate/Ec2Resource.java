package io.berth.agent.launchtemplate;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The EC2 operations Berth answers (launch templates), as the gateway forwards them: the form's
 * parameters as a flat JSON object, answered in EC2's XML (ADR 0038).
 */
@Path("/ec2")
@Tag(name = "EC2")
public class Ec2Resource {

    private final LaunchTemplateService templates;
    private final CallerContext context;

    public Ec2Resource(LaunchTemplateService templates, CallerContext context) {
        this.templates = templates;
        this.context = context;
    }

    @POST
    @Path("{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(QueryResponses.XML)
    @Operation(summary = "An EC2 Query-protocol action: CreateLaunchTemplate, DescribeLaunchTemplates,"
            + " DeleteLaunchTemplate")
    public Response call(@PathParam("action") String action, Map<String, String> parameters) {
        QueryRequest request = QueryDialect.EC2.request(parameters == null ? Map.of() : parameters);
        return QueryResponses.answer(QueryDialect.EC2, action, context.requestId().toString(), () -> switch (action) {
            case "CreateLaunchTemplate" -> templates.create(request, context.caller(), context.requestId());
            case "DescribeLaunchTemplates" -> templates.describe(request, context.caller());
            case "DeleteLaunchTemplate" -> templates.delete(request, context.caller(), context.requestId());
            default -> throw new QueryException("InvalidAction", "The action " + action
                    + " is not valid for this web service.");
        });
    }
}
