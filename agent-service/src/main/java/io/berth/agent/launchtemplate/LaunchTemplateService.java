package io.berth.agent.launchtemplate;

import io.berth.ecs.Caller;
import io.berth.ecs.Pages;
import io.berth.ecs.query.QueryException;
import io.berth.ecs.query.QueryRequest;
import io.berth.ecs.query.Xml;
import io.berth.events.AutoScalingEvent;
import io.berth.events.AutoScalingEvent.LaunchTemplateCreated;
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.AggregateCommands;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The EC2 launch template operations (reference: autoscaling-groups.md §2.1): CreateLaunchTemplate,
 * DescribeLaunchTemplates, DeleteLaunchTemplate, answered in EC2's XML.
 */
@ApplicationScoped
public class LaunchTemplateService {

    /** The launch template tag that names the runtime of a group's instances' agents. */
    public static final String RUNTIME_TAG = "berth:runtime";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");

    private final AggregateCommands commands;
    private final LaunchTemplateProjection projection;

    public LaunchTemplateService(AggregateCommands commands, LaunchTemplateProjection projection) {
        this.commands = commands;
        this.projection = projection;
    }

    public Consumer<Xml> create(QueryRequest request, Caller caller, java.util.UUID requestId) {
        String name = request.string("LaunchTemplateName").orElseThrow(() -> missing("LaunchTemplateName"));
        if (!NAME.matcher(name).matches()) {
            throw new QueryException("InvalidLaunchTemplateName.MalformedException", "LaunchTemplateName " + name
                    + " must be 3 to 128 characters of letters, digits and ( ) . - / _.");
        }
        QueryRequest data = request.structure("LaunchTemplateData").orElseThrow(() -> missing("LaunchTemplateData"));
        String userData = data.string("UserData").orElse(null);
        if (userData != null && !UserData.isBase64(userData)) {
            throw new QueryException("InvalidUserData.Malformed", "Invalid BASE64 encoding of user data.");
        }
        List<Tag> tags = new ArrayList<>();
        for (QueryRequest specification : request.structures("TagSpecification")) {
            String type = specification.string("ResourceType").orElse("launch-template");
            if (!"launch-template".equals(type)) {
                throw new QueryException("InvalidParameterValue", "TagSpecification ResourceType " + type
                        + " is not valid for CreateLaunchTemplate; use launch-template.");
            }
            for (QueryRequest tag : specification.structures("Tag")) {
                tags.add(new Tag(tag.string("Key").orElseThrow(() -> missing(tag.nameOf("Key"))),
                        tag.string("Value").orElse("")));
            }
        }
        String id = "lt-" + HexFormat.of().formatHex(randomBytes()).substring(0, 17);
        LaunchTemplateCreated created = new LaunchTemplateCreated("arn:aws:ec2:" + caller.region() + ":"
                + caller.account() + ":launch-template/" + id, id, name, data.string("ImageId").orElse(null),
                data.string("InstanceType").orElse(null), userData, tags, Instant.now());
        handle(caller, requestId, name, new LaunchTemplateDecider.Create(created));
        return response -> write(response.child("launchTemplate"), created, caller);
    }

    public Consumer<Xml> describe(QueryRequest request, Caller caller) {
        List<String> ids = request.strings("LaunchTemplateId");
        List<String> names = request.strings("LaunchTemplateName");
        List<LaunchTemplateCreated> found = new ArrayList<>();
        for (String id : ids) {
            found.add(LaunchTemplateView.byId(caller.account(), caller.region(), id).orElseThrow(() ->
                    new QueryException("InvalidLaunchTemplateId.NotFound", "At least one of the launch templates"
                            + " specified in the request does not exist.")));
        }
        for (String name : names) {
            found.add(LaunchTemplateView.byName(caller.account(), caller.region(), name).orElseThrow(() ->
                    new QueryException("InvalidLaunchTemplateName.NotFoundException", "At least one of the launch"
                            + " templates specified in the request does not exist.")));
        }
        if (ids.isEmpty() && names.isEmpty()) {
            LaunchTemplateView.<LaunchTemplateView>list("account = ?1 and region = ?2", caller.account(),
                    caller.region()).forEach(view -> found.add(view.template()));
        }
        List<QueryRequest> filters = request.structures("Filter");
        List<LaunchTemplateCreated> matching = found.stream().distinct()
                .filter(t -> filters.stream().allMatch(f -> matches(t, f)))
                .sorted(Comparator.comparing(LaunchTemplateCreated::launchTemplateName)).toList();
        Pages.Page<LaunchTemplateCreated> page = Pages.page(matching, request.integer("MaxResults"),
                request.string("NextToken"), 200, 200, new Pages.Paging("MaxResults", "NextToken",
                        "InvalidPaginationToken", "InvalidParameterValue"));
        return response -> {
            Xml list = response.child("launchTemplates");
            page.items().forEach(template -> write(list.child("item"), template, caller));
            response.add("nextToken", page.nextToken());
        };
    }

    public Consumer<Xml> delete(QueryRequest request, Caller caller, java.util.UUID requestId) {
        LaunchTemplateCreated template = named(request, caller);
        handle(caller, requestId, template.launchTemplateName(), new LaunchTemplateDecider.Delete());
        return response -> write(response.child("launchTemplate"), template, caller);
    }

    /** The template a request names by {@code LaunchTemplateId} or {@code LaunchTemplateName}. */
    private static LaunchTemplateCreated named(QueryRequest request, Caller caller) {
        Optional<String> id = request.string("LaunchTemplateId");
        if (id.isPresent()) {
            return LaunchTemplateView.byId(caller.account(), caller.region(), id.get()).orElseThrow(() ->
                    new QueryException("InvalidLaunchTemplateId.NotFound", "The specified launch template, with"
                            + " template ID " + id.get() + ", does not exist."));
        }
        String name = request.string("LaunchTemplateName").orElseThrow(() -> new QueryException("MissingParameter",
                "The request must contain the parameter LaunchTemplateId or LaunchTemplateName."));
        return LaunchTemplateView.byName(caller.account(), caller.region(), name).orElseThrow(() ->
                new QueryException("InvalidLaunchTemplateName.NotFoundException", "The specified launch template,"
                        + " with template name " + name + ", does not exist."));
    }

    private static boolean matches(LaunchTemplateCreated template, QueryRequest filter) {
        String name = filter.required("Name");
        List<String> values = filter.strings("Value");
        if ("launch-template-name".equals(name)) {
            return values.contains(template.launchTemplateName());
        }
        if (name.startsWith("tag:")) {
            String key = name.substring(4);
            return template.tags().stream().anyMatch(t -> t.key().equals(key) && values.contains(t.value()));
        }
        if ("tag-key".equals(name)) {
            return template.tags().stream().anyMatch(t -> values.contains(t.key()));
        }
        throw new QueryException("InvalidParameterValue", "The filter '" + name + "' is invalid; Berth filters"
                + " launch templates by launch-template-name, tag:<key> and tag-key.");
    }

    private static void write(Xml item, LaunchTemplateCreated template, Caller caller) {
        item.add("launchTemplateId", template.launchTemplateId())
                .add("launchTemplateName", template.launchTemplateName())
                .add("createTime", template.createdAt())
                .add("createdBy", "arn:aws:iam::" + caller.account() + ":root")
                .add("defaultVersionNumber", 1)
                .add("latestVersionNumber", 1);
        if (!template.tags().isEmpty()) {
            Xml tagSet = item.child("tagSet");
            template.tags().forEach(tag -> tagSet.child("item").add("key", tag.key()).add("value", tag.value()));
        }
    }

    private void handle(Caller caller, java.util.UUID requestId, String name, LaunchTemplateDecider.Command command) {
        commands.handle(LaunchTemplateProjection.DECIDER, AutoScalingEvent.class, new StreamId(
                LaunchTemplateProjection.STREAM_TYPE, caller.account() + ":" + caller.region() + ":" + name), command,
                EventContext.of(caller.account(), caller.region(), requestId), projection);
    }

    private static QueryException missing(String name) {
        return new QueryException("MissingParameter", "The request must contain the parameter " + name + ".");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[9];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
