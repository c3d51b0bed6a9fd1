package io.berth.cluster.accountsetting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.accountsetting.AccountSettingsDecider.DeleteSetting;
import io.berth.cluster.accountsetting.AccountSettingsDecider.PutDefault;
import io.berth.cluster.accountsetting.AccountSettingsDecider.PutSetting;
import io.berth.eventstore.AggregateCommands;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.events.AccountSettingEvent;
import io.berth.events.EventJson;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** PutAccountSetting, PutAccountSettingDefault, DeleteAccountSetting and ListAccountSettings. */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account settings")
public class AccountSettingsResource {

    private static final AccountSettingsDecider DECIDER = new AccountSettingsDecider();

    private final AggregateCommands commands;
    private final AccountSettingsProjection projection;
    private final CallerContext context;

    public AccountSettingsResource(AggregateCommands commands, AccountSettingsProjection projection,
            CallerContext context) {
        this.commands = commands;
        this.projection = projection;
        this.context = context;
    }

    record Setting(String name, String value, String principalArn, String type) {
    }

    @POST
    @Path("PutAccountSetting")
    @Operation(summary = "PutAccountSetting: for the caller, or for principalArn")
    public ObjectNode put(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String principal = principal(request);
        String name = request.requiredString("name");
        String value = request.requiredString("value");
        handle(new PutSetting(context.caller().account(), principal, name, value));
        return wrap(new Setting(name, value, principal, "user"));
    }

    @POST
    @Path("PutAccountSettingDefault")
    @Operation(summary = "PutAccountSettingDefault: the value for every principal without its own")
    public ObjectNode putDefault(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String name = request.requiredString("name");
        String value = request.requiredString("value");
        handle(new PutDefault(context.caller().account(), name, value));
        return wrap(new Setting(name, value, root(context.caller()), "user"));
    }

    @POST
    @Path("DeleteAccountSetting")
    @Operation(summary = "DeleteAccountSetting: removes a principal's own setting")
    public ObjectNode delete(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String principal = principal(request);
        String name = request.requiredString("name");
        String value = effective(state(), principal, name);
        handle(new DeleteSetting(context.caller().account(), principal, name));
        return wrap(new Setting(name, value, principal, "user"));
    }

    @POST
    @Path("ListAccountSettings")
    @Operation(summary = "ListAccountSettings: explicit settings, or effectiveSettings; paginated 1-10")
    public ObjectNode list(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String principal = principal(request);
        Optional<String> name = request.string("name");
        name.ifPresent(AccountSettingsDecider::checkName);
        Optional<String> value = request.string("value");
        boolean effective = request.bool("effectiveSettings").orElse(false);
        AccountSettingsState state = state();
        List<Setting> settings = new ArrayList<>();
        Map<String, String> own = state.byPrincipal().getOrDefault(principal, Map.of());
        for (String setting : AccountSettingsDecider.AWS_DEFAULTS.keySet()) {
            if (name.isPresent() && !name.get().equals(setting)) {
                continue;
            }
            String current = effective ? effective(state, principal, setting) : own.get(setting);
            if (current == null || value.isPresent() && !value.get().equals(current)) {
                continue;
            }
            settings.add(new Setting(setting, current, principal,
                    "guardDutyActivate".equals(setting) ? "aws_managed" : "user"));
        }
        return Pages.page(settings, request, 10, 10).writeTo(EventJson.mapper().createObjectNode(), "settings");
    }

    private static String effective(AccountSettingsState state, String principal, String name) {
        String own = state.byPrincipal().getOrDefault(principal, Map.of()).get(name);
        if (own != null) {
            return own;
        }
        return state.defaults().getOrDefault(name, AccountSettingsDecider.AWS_DEFAULTS.get(name));
    }

    private AccountSettingsState state() {
        AccountSettingsView view = AccountSettingsView.findById(streamId(context.caller()));
        return view == null ? AccountSettingsState.NONE : AccountSettingsProjection.stateOf(view);
    }

    private void handle(AccountSettingsDecider.Command command) {
        commands.handle(DECIDER, AccountSettingEvent.class,
                new StreamId(AccountSettingsProjection.STREAM_TYPE, streamId(context.caller())), command,
                EventContext.of(context.caller().account(), context.caller().region(), context.requestId()), projection);
    }

    private String principal(EcsRequest request) {
        return request.string("principalArn").orElse(root(context.caller()));
    }

    private static String root(Caller caller) {
        return "arn:aws:iam::" + caller.account() + ":root";
    }

    static String streamId(Caller caller) {
        return caller.arnPrefix() + "account-settings";
    }

    private static ObjectNode wrap(Setting setting) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("setting", EventJson.mapper().valueToTree(setting));
        return response;
    }
}
