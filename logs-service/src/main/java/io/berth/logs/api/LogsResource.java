package io.berth.logs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.logs.group.LogGroupService;
import io.berth.logs.group.LogStreamService;
import io.berth.logs.store.LogEventService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The CloudWatch Logs operations this service owns, as the gateway forwards them ({@code POST /logs/<Operation>},
 * the request body as the client sent it, the caller in headers; ADR 0007) and as node agents call them.
 */
@Path("/logs")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CloudWatch Logs (internal)")
public class LogsResource {

    /** Every operation answered here; the gateway's Logs face lists the same. */
    public static final Set<String> OPERATIONS = Set.of("CreateLogGroup", "DeleteLogGroup", "DescribeLogGroups",
            "ListLogGroups", "PutRetentionPolicy", "DeleteRetentionPolicy", "PutLogGroupDeletionProtection",
            "TagResource", "UntagResource", "ListTagsForResource", "TagLogGroup", "UntagLogGroup", "ListTagsLogGroup",
            "CreateLogStream", "DeleteLogStream", "DescribeLogStreams", "PutLogEvents", "GetLogEvents",
            "FilterLogEvents", "TestMetricFilter");

    private final Map<String, Function<EcsRequest, ObjectNode>> operations;

    public LogsResource(LogGroupService groups, LogStreamService streams, LogEventService events) {
        operations = Map.ofEntries(
                Map.entry("CreateLogGroup", groups::create),
                Map.entry("DeleteLogGroup", groups::delete),
                Map.entry("DescribeLogGroups", groups::describe),
                Map.entry("ListLogGroups", groups::list),
                Map.entry("PutRetentionPolicy", groups::putRetention),
                Map.entry("DeleteRetentionPolicy", groups::deleteRetention),
                Map.entry("PutLogGroupDeletionProtection", groups::putDeletionProtection),
                Map.entry("TagResource", groups::tagResource),
                Map.entry("UntagResource", groups::untagResource),
                Map.entry("ListTagsForResource", groups::listTagsForResource),
                Map.entry("TagLogGroup", groups::tagLogGroup),
                Map.entry("UntagLogGroup", groups::untagLogGroup),
                Map.entry("ListTagsLogGroup", groups::listTagsLogGroup),
                Map.entry("CreateLogStream", streams::create),
                Map.entry("DeleteLogStream", streams::delete),
                Map.entry("DescribeLogStreams", streams::describe),
                Map.entry("PutLogEvents", events::put),
                Map.entry("GetLogEvents", events::get),
                Map.entry("FilterLogEvents", events::filter),
                Map.entry("TestMetricFilter", events::testMetricFilter));
    }

    @POST
    @Path("{operation}")
    @Operation(summary = "A CloudWatch Logs operation (JSON 1.1 body of the operation)")
    public ObjectNode call(@PathParam("operation") String operation, JsonNode body) {
        Function<EcsRequest, ObjectNode> handler = operations.get(operation);
        if (handler == null) {
            throw new EcsException("UnknownOperationException", "Unknown operation " + operation + ".");
        }
        return handler.apply(EcsRequest.of(body));
    }
}
