package io.berth.gateway.requestlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.events.EventJson;
import io.berth.gateway.auth.RequestAuthenticator;
import io.berth.gateway.auth.SigV4Requests;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The request log of the caller's account, newest first: who made each call (the access key, and for credentials a
 * Berth agent issued to a task, the role and the task) and how it was answered.
 */
@Path("/v1/requests")
public class RequestLogResource {

    static final int MAX_RESULTS = 1_000;

    private final DataSource dataSource;
    private final RequestAuthenticator authenticator;

    public RequestLogResource(DataSource dataSource, RequestAuthenticator authenticator) {
        this.dataSource = dataSource;
        this.authenticator = authenticator;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The account's requests, newest first; taskArn narrows them to those a task's role made")
    public ObjectNode list(@QueryParam("taskArn") String taskArn, @QueryParam("maxResults") Integer maxResults,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Caller caller = authenticator.authenticate(SigV4Requests.of("GET", uri, headers, null)).caller();
        int limit = maxResults == null ? 100 : maxResults;
        if (limit < 1 || limit > MAX_RESULTS) {
            throw new EcsException("InvalidParameterException", "maxResults must be between 1 and " + MAX_RESULTS
                    + ".");
        }
        String sql = "select request_id, received_at, protocol, operation, region, status, error_code, duration_ms,"
                + " access_key_id, role_arn, task_arn from gateway_request_log where account = ?"
                + (taskArn == null ? "" : " and task_arn = ?") + " order by received_at desc limit ?";
        ArrayNode requests = EventJson.mapper().createArrayNode();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, caller.account());
            if (taskArn != null) {
                s.setString(i++, taskArn);
            }
            s.setInt(i, limit);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ObjectNode row = requests.addObject();
                    row.put("requestId", rows.getString(1));
                    row.put("receivedAt", rows.getTimestamp(2).toInstant().toString());
                    row.put("protocol", rows.getString(3));
                    row.put("operation", rows.getString(4));
                    row.put("region", rows.getString(5));
                    row.put("status", rows.getInt(6));
                    row.put("errorCode", rows.getString(7));
                    row.put("durationMillis", rows.getInt(8));
                    row.put("accessKeyId", rows.getString(9));
                    row.put("roleArn", rows.getString(10));
                    row.put("taskArn", rows.getString(11));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the request log failed", e);
        }
        ObjectNode answer = EventJson.mapper().createObjectNode();
        answer.set("requests", requests);
        return answer;
    }
}
