package io.berth.gateway.reset;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.events.EventJson;
import io.berth.eventstore.AccountResets;
import io.berth.gateway.auth.RequestAuthenticator;
import io.berth.gateway.auth.SigV4Requests;
import io.berth.gateway.routing.Owner;
import io.berth.gateway.routing.OwnerClient;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Empties Berth, or one account of it, without a restart, for test suites that run one after another
 * (ADR 0034): every service, the gateway included, runs the reset's three steps, each step on all of
 * them before the next, so that no service reacts to what another still sends and every event written
 * before the reset is forgotten wherever it arrives.
 */
@Path("/v1/reset")
public class ResetResource {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private final OwnerClient owners;
    private final AccountResets own;
    private final RequestAuthenticator authenticator;

    public ResetResource(OwnerClient owners, AccountResets own, RequestAuthenticator authenticator) {
        this.owners = owners;
        this.own = own;
        this.authenticator = authenticator;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deletes every resource of one account (?account=<12 digits>), or of every account:"
            + " clusters, task definitions, instances and their agents, tasks (stopped for real), services,"
            + " scaling targets, ECR repositories, log groups")
    public Map<String, Object> reset(@QueryParam("account") String account, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Caller caller = authenticator.authenticate(SigV4Requests.of("POST", uri, headers, null)).caller();
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw new EcsException(EcsErrors.INVALID_PARAMETER, "account must be an account id of 12 digits.");
        }
        String query = account == null ? "" : "?account=" + URLEncoder.encode(account, StandardCharsets.UTF_8);
        own.begin(account);
        for (Owner owner : Owner.values()) {
            call(owner, "begin" + query, null, caller);
        }
        List<AccountResets.Mark> marks = new ArrayList<>();
        marks.add(own.mark());
        for (Owner owner : Owner.values()) {
            marks.add(read(call(owner, "mark", null, caller), owner));
        }
        byte[] fences = json(marks);
        for (Owner owner : Owner.values()) {
            call(owner, "finish" + query, fences, caller);
        }
        own.finish(account, marks);
        return Map.of("account", account == null ? "*" : account, "services", Owner.values().length + 1);
    }

    private OwnerClient.Answer call(Owner owner, String step, byte[] body, Caller caller) {
        OwnerClient.Answer answer = owners.exchange(owner, "POST", "/internal/reset/" + step, body, caller,
                UUID.randomUUID(), false);
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new EcsException(EcsErrors.SERVER_EXCEPTION, "The " + owner.serviceName() + " could not be reset ("
                    + (answer.status() == 0 ? "no answer" : "HTTP " + answer.status()) + "); reset again.", 503);
        }
        return answer;
    }

    private static AccountResets.Mark read(OwnerClient.Answer answer, Owner owner) {
        try {
            return EventJson.mapper().readValue(answer.body(), AccountResets.Mark.class);
        } catch (java.io.IOException e) {
            throw new EcsException(EcsErrors.SERVER_EXCEPTION, "The " + owner.serviceName() + " answered no outbox position.",
                    503);
        }
    }

    private static byte[] json(List<AccountResets.Mark> marks) {
        try {
            return EventJson.mapper().writeValueAsBytes(marks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
