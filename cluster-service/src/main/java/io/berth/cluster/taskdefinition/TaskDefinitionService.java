package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.eventstore.AggregateCommands;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.TaskDefinitionReference;
import io.berth.ecs.TaskDefinitionRevision;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.DeleteTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.DeregisterTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.RegisterTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.TagTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.UntagTaskDefinition;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Tags;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskDefinitionEvent;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The task definition operations of the ECS API. */
@ApplicationScoped
public class TaskDefinitionService {

    static final TaskDefinitionDecider DECIDER = new TaskDefinitionDecider();

    private final AggregateCommands commands;
    private final TaskDefinitionProjection projection;
    private final EventStore store;
    private final CallerContext context;

    public TaskDefinitionService(AggregateCommands commands, TaskDefinitionProjection projection, EventStore store,
            CallerContext context) {
        this.commands = commands;
        this.projection = projection;
        this.store = store;
        this.context = context;
    }

    public ObjectNode register(EcsRequest request) {
        Caller caller = context.caller();
        ObjectNode definition = TaskDefinitionValidator.validate(request.body());
        String family = definition.path("family").asText();
        List<Tag> tags = Tags.parse(request, "tags");
        String familyArn = Arns.taskDefinitionFamily(caller, family);
        List<EventEnvelope> events = handle(new RegisterTaskDefinition(familyArn, family, definition, tags,
                "arn:aws:iam::" + caller.account() + ":root", Instant.now()));
        String arn = ((TaskDefinitionEvent) events.get(0).payload()).taskDefinitionArn();
        return described(view(arn).orElseThrow(), true);
    }

    public ObjectNode describe(EcsRequest request) {
        TaskDefinitionView view = resolve(request.requiredString("taskDefinition"))
                .orElseThrow(() -> EcsErrors.clientException("Unable to describe task definition."));
        return described(view, request.strings("include").contains("TAGS"));
    }

    public ObjectNode deregister(EcsRequest request) {
        TaskDefinitionReference reference = withRevision(request.requiredString("taskDefinition"));
        String familyArn = Arns.taskDefinitionFamily(context.caller(), reference.family());
        handle(new DeregisterTaskDefinition(familyArn, reference.revision(), Instant.now()));
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("taskDefinition", definitionOf(view(familyArn + ":" + reference.revision()).orElseThrow()));
        return response;
    }

    public ObjectNode delete(EcsRequest request) {
        List<String> asked = request.strings("taskDefinitions");
        if (asked.isEmpty()) {
            throw EcsErrors.missing("taskDefinitions");
        }
        if (asked.size() > 10) {
            throw EcsErrors.invalidParameter("taskDefinitions can have at most 10 items.");
        }
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode deleted = response.putArray("taskDefinitions");
        ArrayNode failures = response.putArray("failures");
        for (String item : asked) {
            String arn = item;
            try {
                TaskDefinitionReference reference = withRevision(item);
                String familyArn = Arns.taskDefinitionFamily(context.caller(), reference.family());
                arn = familyArn + ":" + reference.revision();
                handle(new DeleteTaskDefinition(familyArn, reference.revision(), Instant.now()));
                deleted.add(definitionOf(view(arn).orElseThrow()));
            } catch (EcsException e) {
                // ECS names the revision by its ARN and says why in the reason itself.
                failures.addObject().put("arn", arn).put("reason", e.getMessage());
            }
        }
        return response;
    }

    public ObjectNode list(EcsRequest request) {
        Caller caller = context.caller();
        String status = request.string("status").orElse("ACTIVE");
        if (!List.of("ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS").contains(status)) {
            throw EcsErrors.invalidParameter("status must be ACTIVE, INACTIVE or DELETE_IN_PROGRESS.");
        }
        String sort = request.string("sort").orElse("ASC");
        if (!sort.equals("ASC") && !sort.equals("DESC")) {
            throw EcsErrors.invalidParameter("sort must be ASC or DESC.");
        }
        Optional<String> family = request.string("familyPrefix");
        List<TaskDefinitionView> views = family.isPresent()
                ? TaskDefinitionView.list("account = ?1 and region = ?2 and status = ?3 and family = ?4", caller.account(),
                        caller.region(), status, family.get())
                : TaskDefinitionView.list("account = ?1 and region = ?2 and status = ?3", caller.account(),
                        caller.region(), status);
        Comparator<TaskDefinitionView> order = Comparator.<TaskDefinitionView, String>comparing(v -> v.family)
                .thenComparingInt(v -> v.revision);
        List<String> arns = views.stream().sorted(sort.equals("ASC") ? order : order.reversed())
                .map(v -> v.taskDefinitionArn).toList();
        return Pages.page(arns, request, 100, 100).writeTo(EventJson.mapper().createObjectNode(),
                "taskDefinitionArns");
    }

    public ObjectNode listFamilies(EcsRequest request) {
        Caller caller = context.caller();
        String status = request.string("status").orElse("ALL");
        if (!List.of("ACTIVE", "INACTIVE", "ALL").contains(status)) {
            throw EcsErrors.invalidParameter("status must be ACTIVE, INACTIVE or ALL.");
        }
        String prefix = request.string("familyPrefix").orElse("");
        Map<String, Boolean> hasActive = new TreeMap<>();
        for (TaskDefinitionView view : TaskDefinitionView.<TaskDefinitionView>list("account = ?1 and region = ?2",
                caller.account(), caller.region())) {
            if (view.family.startsWith(prefix)) {
                hasActive.merge(view.family, TaskDefinitionDecider.ACTIVE.equals(view.status), Boolean::logicalOr);
            }
        }
        List<String> families = hasActive.entrySet().stream()
                .filter(e -> status.equals("ALL") || e.getValue() == status.equals("ACTIVE"))
                .map(Map.Entry::getKey).toList();
        return Pages.page(families, request, 100, 100).writeTo(EventJson.mapper().createObjectNode(), "families");
    }

    public void tag(String arn, List<Tag> tags) {
        TaskDefinitionReference reference = withRevision(arn);
        handle(new TagTaskDefinition(Arns.taskDefinitionFamily(context.caller(), reference.family()),
                reference.revision(), tags));
    }

    public void untag(String arn, List<String> keys) {
        TaskDefinitionReference reference = withRevision(arn);
        handle(new UntagTaskDefinition(Arns.taskDefinitionFamily(context.caller(), reference.family()),
                reference.revision(), keys));
    }

    public Optional<List<Tag>> tags(String arn) {
        return view(arn).map(v -> TaskDefinitionProjection.revisionOf(v).tags());
    }

    /** The events of one family, oldest first. */
    public List<EventEnvelope> history(String family) {
        return store.readStream(Arns.taskDefinitionFamily(context.caller(), family));
    }

    /** A revision as it was at {@code asOf}, folded from its family's events. */
    public Optional<ObjectNode> asOf(String family, int revision, Instant asOf) {
        FamilyState state = DECIDER.initialState();
        for (EventEnvelope event : store.readStream(Arns.taskDefinitionFamily(context.caller(), family), asOf)) {
            state = DECIDER.evolve(state, (TaskDefinitionEvent) event.payload());
        }
        TaskDefinitionRevision found = state.revisions().get(revision);
        return Optional.ofNullable(found).map(TaskDefinitionRevision::definition);
    }

    /** The revision a reference names: the given one, or the latest ACTIVE one of a bare family. */
    public Optional<TaskDefinitionView> resolve(String nameOrArn) {
        TaskDefinitionReference reference = parse(nameOrArn);
        Caller caller = context.caller();
        if (reference.revision() != null) {
            return view(Arns.taskDefinitionFamily(caller, reference.family()) + ":" + reference.revision());
        }
        return TaskDefinitionView.<TaskDefinitionView>find(
                "account = ?1 and region = ?2 and family = ?3 and status = 'ACTIVE' order by revision desc",
                caller.account(), caller.region(), reference.family()).firstResultOptional();
    }

    private TaskDefinitionReference withRevision(String nameOrArn) {
        TaskDefinitionReference reference = parse(nameOrArn);
        if (reference.revision() == null) {
            throw EcsErrors.clientException("The task definition revision must be specified: family:revision or"
                    + " the full ARN.");
        }
        return reference;
    }

    private TaskDefinitionReference parse(String nameOrArn) {
        return TaskDefinitionReference.parse(context.caller(), nameOrArn);
    }

    private Optional<TaskDefinitionView> view(String arn) {
        return Optional.ofNullable(TaskDefinitionView.findById(arn));
    }

    private ObjectNode described(TaskDefinitionView view, boolean withTags) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("taskDefinition", definitionOf(view));
        if (withTags) {
            ArrayNode tags = response.putArray("tags");
            TaskDefinitionProjection.revisionOf(view).tags()
                    .forEach(t -> tags.addObject().put("key", t.key()).put("value", t.value()));
        }
        return response;
    }

    private static ObjectNode definitionOf(TaskDefinitionView view) {
        return TaskDefinitionProjection.revisionOf(view).definition();
    }

    private List<EventEnvelope> handle(TaskDefinitionCommand command) {
        return commands.handle(DECIDER, TaskDefinitionEvent.class,
                new StreamId(TaskDefinitionProjection.STREAM_TYPE, command.familyArn()), command,
                EventContext.of(context.caller().account(), context.caller().region(), context.requestId()), projection);
    }

}
