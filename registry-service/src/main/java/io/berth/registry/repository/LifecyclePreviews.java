package io.berth.registry.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.eventstore.JsonColumns;
import io.berth.registry.EcrErrors;
import io.berth.registry.infra.Sql;
import io.berth.registry.lifecycle.LifecyclePolicy;
import io.berth.registry.repository.RepositoryCommand.ImageId;
import io.berth.registry.repository.RepositoryQueries.ImageRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * StartLifecyclePolicyPreview and GetLifecyclePolicyPreview: what a policy (the repository's, or
 * one given) would expire now, computed at once and kept until the next preview of the repository.
 */
@ApplicationScoped
public class LifecyclePreviews {

    private static final Set<String> TAG_STATUSES = Set.of("TAGGED", "UNTAGGED", "ANY");

    private final RepositoryService repositories;
    private final RepositoryQueries queries;
    private final Sql sql;

    /** One image the preview expires. */
    public record Result(String imageDigest, List<String> imageTags, Instant imagePushedAt, int appliedRulePriority) {
    }

    public LifecyclePreviews(RepositoryService repositories, RepositoryQueries queries, Sql sql) {
        this.repositories = repositories;
        this.queries = queries;
        this.sql = sql;
    }

    public ObjectNode start(EcsRequest request) {
        RepositoryState repository = repositories.existing(repositories.registry(request), request);
        String text = request.string("lifecyclePolicyText").orElse(repository.lifecyclePolicyText());
        if (text == null) {
            throw EcrErrors.lifecyclePolicyNotFound(repository.repositoryName(), repository.registryId());
        }
        LifecyclePolicy policy = LifecyclePolicy.parse(text);
        List<ImageRow> images = queries.images(repository.repositoryArn());
        List<Result> results = policy.expire(images.stream().map(image -> new LifecyclePolicy.Image(
                image.imageDigest(), image.imageTags(), image.pushedAt())).toList(), Instant.now()).stream()
                .map(expiry -> new Result(expiry.image().digest(), expiry.image().tags(), expiry.image().pushedAt(),
                        expiry.rulePriority())).toList();
        sql.update("insert into lifecycle_preview (repository_arn, lifecycle_policy_text, status, results)"
                + " values (?, ?, 'COMPLETE', ?) on conflict (repository_arn) do update set lifecycle_policy_text ="
                + " excluded.lifecycle_policy_text, status = excluded.status, results = excluded.results,"
                + " created_at = now()", repository.repositoryArn(), text, JsonColumns.write(results));
        ObjectNode response = RepositoryResponses.named(repository);
        response.put("lifecyclePolicyText", text);
        // ECR answers before the preview is computed; Berth has computed it, but keeps ECR's answer.
        response.put("status", "IN_PROGRESS");
        return response;
    }

    public ObjectNode get(EcsRequest request) {
        RepositoryState repository = repositories.existing(repositories.registry(request), request);
        record Stored(String text, String status, List<Result> results) {
        }
        Stored stored = sql.one("select lifecycle_policy_text, status, results from lifecycle_preview"
                + " where repository_arn = ?", rs -> new Stored(rs.getString(1), rs.getString(2),
                        JsonColumns.read(rs.getString(3), new TypeReference<List<Result>>() { })),
                repository.repositoryArn())
                .orElseThrow(() -> EcrErrors.lifecyclePolicyPreviewNotFound(repository.repositoryName(),
                        repository.registryId()));
        String status = request.object("filter").flatMap(filter -> filter.string("tagStatus")).orElse("ANY");
        if (!TAG_STATUSES.contains(status)) {
            throw EcrErrors.invalidParameter("filter.tagStatus", "Member must satisfy enum value set: [TAGGED,"
                    + " UNTAGGED, ANY]");
        }
        List<ImageId> asked = ImageIds.list(request, false);
        List<ObjectNode> results = stored.results().stream()
                .filter(result -> "ANY".equals(status) || result.imageTags().isEmpty() == "UNTAGGED".equals(status))
                .filter(result -> asked.isEmpty() || asked.stream().anyMatch(id -> result.imageDigest()
                        .equals(id.imageDigest()) || result.imageTags().contains(id.imageTag())))
                .map(LifecyclePreviews::toJson).toList();
        ObjectNode response = RepositoryResponses.named(repository);
        response.put("lifecyclePolicyText", stored.text());
        response.put("status", stored.status());
        Pages.page(results, request, 100, 100).writeTo(response, "previewResults");
        response.putObject("summary").put("expiringImageTotalCount", stored.results().size());
        return response;
    }

    private static ObjectNode toJson(Result result) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        if (!result.imageTags().isEmpty()) {
            result.imageTags().forEach(json.putArray("imageTags")::add);
        }
        json.put("imageDigest", result.imageDigest());
        json.put("imagePushedAt", Timestamps.epochSeconds(result.imagePushedAt()));
        json.putObject("action").put("type", "EXPIRE");
        json.put("appliedRulePriority", result.appliedRulePriority());
        return json;
    }
}
