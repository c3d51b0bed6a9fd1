package io.berth.eventstore;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The steps of a reset on this service (ADR 0034), which the gateway's {@code POST /v1/reset} runs on
 * every service in turn: an internal path, never routed from outside. Without {@code account}, every
 * account is reset.
 */
@Path("/internal/reset")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResetResource {

    private final AccountResets resets;

    public AccountResetResource(AccountResets resets) {
        this.resets = resets;
    }

    @POST
    @Path("begin")
    public void begin(@QueryParam("account") String account) {
        resets.begin(account);
    }

    @POST
    @Path("mark")
    public AccountResets.Mark mark() {
        return resets.mark();
    }

    /** The last step, with the marks of every writer. */
    @POST
    @Path("finish")
    public void finish(@QueryParam("account") String account, List<AccountResets.Mark> marks) {
        resets.finish(account, marks);
    }
}
