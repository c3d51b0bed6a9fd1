package io.berth.registry.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.events.RegistryEvent;
import io.berth.events.RegistryEvent.TagMutabilityFilter;
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.AggregateCommands;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import io.berth.registry.EcrErrors;
import io.berth.registry.lifecycle.LifecyclePolicy;
import io.berth.registry.repository.RepositoryCommand.CreateRepository;
import io.berth.registry.repository.RepositoryCommand.DeleteRepository;
import io.berth.registry.repository.RepositoryCommand.PutImageScanningConfiguration;
import io.berth.registry.repository.RepositoryCommand.PutImageTagMutability;
import io.berth.registry.repository.RepositoryCommand.PutLifecyclePolicy;
import io.berth.registry.repository.RepositoryCommand.SetRepositoryPolicy;
import io.berth.registry.repository.RepositoryCommand.TagRepository;
import io.berth.registry.repository.RepositoryCommand.UntagRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The repository operations of the ECR API: the repository, its settings, policies and tags. */
@ApplicationScoped
public class RepositoryService {

    static final RepositoryDecider DECIDER = new RepositoryDecider();
    private static final Set<String> MUTABILITIES = Set.of("MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION",
            "MUTABLE_WITH_EXCLUSION");
    private static final Set<String> ENCRYPTION_TYPES = Set.of("AES256", "KMS", "KMS_DSSE");
    private static final int MAX_POLICY_LENGTH = 10_240;

    private final AggregateCommands commands;
    private final RepositoryProjection projection;
    private final RepositoryQueries queries;
    private final CallerContext context;

    public RepositoryService(AggregateCommands commands, RepositoryProjection projection, RepositoryQueries queries,
            CallerContext context) {
        this.commands = commands;
        this.projection = projection;
        this.queries = queries;
        this.context = context;
    }

    public ObjectNode create(EcsRequest request) {
        Caller caller = registry(request);
        String name = RepositoryNames.require(request.string("repositoryName").orElse(null));
        String mutability = request.string("imageTagMutability").orElse("MUTABLE");
        List<TagMutabilityFilter> filters = mutability(mutability, request);
        boolean scanOnPush = request.object("imageScanningConfiguration")
                .flatMap(c -> c.bool("scanOnPush")).orElse(false);
        String encryptionType = "AES256";
        String kmsKey = null;
        if (request.has("encryptionConfiguration")) {
            EcsRequest encryption = request.object("encryptionConfiguration").orElseThrow();
            encryptionType = encryption.string("encryptionType")
                    .orElseThrow(() -> EcrErrors.missing("encryptionConfiguration.encryptionType"));
            if (!ENCRYPTION_TYPES.contains(encryptionType)) {
                throw EcrErrors.invalidParameter("encryptionConfiguration.encryptionType",
                        "Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]");
            }
            kmsKey = encryption.string("kmsKey").orElse(null);
            if (kmsKey != null && "AES256".equals(encryptionType)) {
                throw EcrErrors.invalidParameter("encryptionConfiguration.kmsKey",
                        "A KMS key can only be given with encryption type KMS or KMS_DSSE");
            }
            if (kmsKey == null && !"AES256".equals(encryptionType)) {
                // ECR encrypts with the account's AWS managed key when none is named.
                kmsKey = "arn:aws:kms:" + caller.region() + ":" + caller.account() + ":alias/aws/ecr";
            }
        }
        String arn = RepositoryNames.arn(caller, name);
        handle(new CreateRepository(arn, caller.account(), name, mutability, filters, scanOnPush, encryptionType,
                kmsKey, EcrTags.parse(request, "tags"), Instant.now()));
        return wrap(queries.require(caller, name));
    }

    public ObjectNode describe(EcsRequest request) {
        Caller caller = registry(request);
        List<String> names = request.strings("repositoryNames");
        ObjectNode response = EventJson.mapper().createObjectNode();
        if (request.has("repositoryNames")) {
            if (names.isEmpty() || names.size() > 100) {
                throw EcrErrors.invalidParameter("repositoryNames", "Member must have length between 1 and 100");
            }
            if (request.has("maxResults") || request.has("nextToken")) {
                throw EcrErrors.invalidParameter("maxResults", "maxResults and nextToken cannot be used with"
                        + " repositoryNames");
            }
            List<ObjectNode> repositories = new ArrayList<>();
            for (String name : names) {
                repositories.add(RepositoryResponses.repository(queries.require(caller, name)));
            }
            response.putArray("repositories").addAll(repositories);
            return response;
        }
        List<ObjectNode> all = queries.repositories(caller).stream().map(RepositoryResponses::repository).toList();
        return Pages.page(all, request, 1000, 100).writeTo(response, "repositories");
    }

    public ObjectNode delete(EcsRequest request) {
        Caller caller = registry(request);
        RepositoryState state = existing(caller, request);
        handle(new DeleteRepository(state.repositoryArn(), request.bool("force").orElse(false)));
        return wrap(state);
    }

    public ObjectNode putImageTagMutability(EcsRequest request) {
        Caller caller = registry(request);
        RepositoryState state = existing(caller, request);
        String mutability = request.string("imageTagMutability").orElseThrow(() -> EcrErrors.missing(
                "imageTagMutability"));
        handle(new PutImageTagMutability(state.repositoryArn(), mutability, mutability(mutability, request)));
        RepositoryState after = queries.require(caller, state.repositoryName());
        ObjectNode response = RepositoryResponses.named(after);
        response.put("imageTagMutability", after.imageTagMutability());
        if (!after.imageTagMutabilityExclusionFilters().isEmpty()) {
            response.set("imageTagMutabilityExclusionFilters", RepositoryResponses.filters(after));
        }
        return response;
    }

    public ObjectNode putImageScanningConfiguration(EcsRequest request) {
        Caller caller = registry(request);
        RepositoryState state = existing(caller, request);
        boolean scanOnPush = request.object("imageScanningConfiguration")
                .orElseThrow(() -> EcrErrors.missing("imageScanningConfiguration"))
                .bool("scanOnPush").orElse(false);
        handle(new PutImageScanningConfiguration(state.repositoryArn(), scanOnPush));
        ObjectNode response = RepositoryResponses.named(state);
        response.putObject("imageScanningConfiguration").put("scanOnPush", scanOnPush);
        return response;
    }

    public ObjectNode setPolicy(EcsRequest request) {
        Caller caller = registry(request);
        RepositoryState state = existing(caller, request);
        String text = request.string("policyText").orElseThrow(() -> EcrErrors.missing("policyText"));
        if (text.isEmpty() || text.length() > MAX_POLICY_LENGTH) {
            throw EcrErrors.invalidParameter("policyText", "Member must have length between 0 and "
                    + MAX_POLICY_LENGTH);
        }
        checkPolicyDocument(text);
        handle(new SetRepositoryPolicy(state.repositoryArn(), text));
        return policyResponse(state, text);
    }

    public ObjectNode getPolicy(EcsRequest request) {
        RepositoryState state = existing(registry(request), request);
        if (state.policyText() == null) {
            throw EcrErrors.repositoryPolicyNotFound(state.repositoryName(), state.registryId());
        }
        return policyResponse(state, state.policyText());
    }

    public ObjectNode deletePolicy(EcsRequest request) {
        RepositoryState state = existing(registry(request), request);
        handle(new SetRepositoryPolicy(state.repositoryArn(), null));
        return policyResponse(state, state.policyText());
    }

    public ObjectNode putLifecyclePolicy(EcsRequest request) {
        Caller caller = registry(request);
        RepositoryState state = existing(caller, request);
        String text = request.string("lifecyclePolicyText").orElse(null);
        handle(new PutLifecyclePolicy(state.repositoryArn(), text, LifecyclePolicy.parse(text), Instant.now()));
        ObjectNode response = RepositoryResponses.named(state);
        response.put("lifecyclePolicyText", text);
        return response;
    }

    public ObjectNode getLifecyclePolicy(EcsRequest request) {
        RepositoryState state = existing(registry(request), request);
        if (state.lifecyclePolicyText() == null) {
            throw EcrErrors.lifecyclePolicyNotFound(state.repositoryName(), state.registryId());
        }
        return lifecycleResponse(state);
    }

    public ObjectNode deleteLifecyclePolicy(EcsRequest request) {
        RepositoryState state = existing(registry(request), request);
        handle(new PutLifecyclePolicy(state.repositoryArn(), null, null, Instant.now()));
        return lifecycleResponse(state);
    }

    public ObjectNode tag(EcsRequest request) {
        RepositoryState state = tagged(request);
        if (!request.has("tags")) {
            throw EcrErrors.missing("tags");
        }
        handle(new TagRepository(state.repositoryArn(), EcrTags.parse(request, "tags")));
        return EventJson.mapper().createObjectNode();
    }

    public ObjectNode untag(EcsRequest request) {
        RepositoryState state = tagged(request);
        if (!request.has("tagKeys")) {
            throw EcrErrors.missing("tagKeys");
        }
        handle(new UntagRepository(state.repositoryArn(), request.strings("tagKeys")));
        return EventJson.mapper().createObjectNode();
    }

    public ObjectNode listTags(EcsRequest request) {
        List<Tag> tags = tagged(request).tags();
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("tags", EcrTags.toJson(tags));
        return response;
    }

    public ObjectNode describeRegistry(EcsRequest request) {
        Caller caller = registry(request);
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.put("registryId", caller.account());
        response.putObject("replicationConfiguration").putArray("rules");
        return response;
    }

    /** The repository a request names by {@code repositoryName}, or RepositoryNotFoundException. */
    public RepositoryState existing(Caller caller, EcsRequest request) {
        String name = request.string("repositoryName").filter(n -> !n.isEmpty())
                .orElseThrow(() -> EcrErrors.missing("repositoryName"));
        return queries.require(caller, name);
    }

    /** The caller, checked against the request's {@code registryId}. */
    public Caller registry(EcsRequest request) {
        return RepositoryNames.registryOf(context.caller(), request);
    }

    /** Runs a command of the current request (its id correlates the events). */
    public void handle(RepositoryCommand command) {
        handle(command, context.requestId());
    }

    /**
     * Runs a command against its repository; the events belong to the repository's account and
     * region, whoever sent them (the registry's callers come with a token, not the gateway's headers).
     */
    public void handle(RepositoryCommand command, java.util.UUID correlationId) {
        Caller owner = RepositoryNames.parseArn(command.repositoryArn()).orElseThrow().caller();
        commands.handle(DECIDER, RegistryEvent.class, new StreamId(RepositoryProjection.STREAM_TYPE,
                command.repositoryArn()), command, EventContext.of(owner.account(), owner.region(), correlationId),
                projection);
    }

    private RepositoryState tagged(EcsRequest request) {
        String arn = request.string("resourceArn").orElseThrow(() -> EcrErrors.missing("resourceArn"));
        RepositoryNames.Named named = RepositoryNames.parseArn(arn)
                .orElseThrow(() -> EcrErrors.invalidParameter("resourceArn", "Invalid ARN"));
        Caller caller = context.caller();
        if (!named.caller().equals(caller)) {
            throw EcrErrors.invalidParameter("resourceArn", "The ARN names a repository of account "
                    + named.caller().account() + " in " + named.caller().region() + ", not the caller's registry");
        }
        return queries.require(caller, named.name());
    }

    private static List<TagMutabilityFilter> mutability(String mutability, EcsRequest request) {
        if (!MUTABILITIES.contains(mutability)) {
            throw EcrErrors.invalidParameter("imageTagMutability", "Member must satisfy enum value set: [MUTABLE,"
                    + " IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]");
        }
        List<TagMutabilityFilter> filters = new ArrayList<>();
        for (EcsRequest filter : request.objects("imageTagMutabilityExclusionFilters")) {
            String type = filter.string("filterType").orElse("");
            String pattern = filter.string("filter").orElse("");
            if (!"WILDCARD".equals(type)) {
                throw EcrErrors.invalidParameter("imageTagMutabilityExclusionFilters.filterType",
                        "Member must satisfy enum value set: [WILDCARD]");
            }
            if (!pattern.matches("[0-9a-zA-Z._*-]{1,128}")) {
                throw EcrErrors.invalidParameter("imageTagMutabilityExclusionFilters.filter",
                        "must satisfy regular expression '^[0-9a-zA-Z._*-]{1,128}'");
            }
            filters.add(new TagMutabilityFilter(type, pattern));
        }
        boolean withExclusion = mutability.endsWith("_WITH_EXCLUSION");
        if (withExclusion && (filters.isEmpty() || filters.size() > 5)) {
            throw EcrErrors.invalidParameter("imageTagMutabilityExclusionFilters", "Member must have length between"
                    + " 1 and 5 when imageTagMutability is " + mutability);
        }
        if (!withExclusion && !filters.isEmpty()) {
            throw EcrErrors.invalidParameter("imageTagMutabilityExclusionFilters", "Exclusion filters can only be"
                    + " given with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION");
        }
        return filters;
    }

    private static void checkPolicyDocument(String text) {
        JsonNode policy;
        try {
            policy = EventJson.mapper().readTree(text);
        } catch (IOException e) {
            policy = null;
        }
        if (policy == null || !policy.isObject() || !policy.has("Statement")
                || !(policy.get("Statement").isArray() || policy.get("Statement").isObject())) {
            throw EcrErrors.invalidParameter("PolicyText", "Invalid repository policy provided");
        }
    }

    private ObjectNode wrap(RepositoryState state) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("repository", RepositoryResponses.repository(state));
        return response;
    }

    private static ObjectNode policyResponse(RepositoryState state, String text) {
        ObjectNode response = RepositoryResponses.named(state);
        response.put("policyText", text);
        return response;
    }

    private static ObjectNode lifecycleResponse(RepositoryState state) {
        ObjectNode response = RepositoryResponses.named(state);
        response.put("lifecyclePolicyText", state.lifecyclePolicyText());
        if (state.lifecycleEvaluatedAt() != null) {
            response.put("lastEvaluatedAt", Timestamps.epochSeconds(state.lifecycleEvaluatedAt()));
        }
        return response;
    }
}
