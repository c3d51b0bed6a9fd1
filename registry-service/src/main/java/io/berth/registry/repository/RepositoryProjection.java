package io.berth.registry.repository;

import io.berth.events.EventEnvelope;
import io.berth.events.RegistryEvent;
import io.berth.events.RegistryEvent.ImageDeleted;
import io.berth.events.RegistryEvent.ImagePushed;
import io.berth.events.RegistryEvent.ImageScanCompleted;
import io.berth.events.RegistryEvent.ImageTagged;
import io.berth.events.RegistryEvent.ImageUntagged;
import io.berth.events.RegistryEvent.LifecyclePolicyApplied;
import io.berth.events.RegistryEvent.RepositoryCreated;
import io.berth.events.RegistryEvent.RepositoryDeleted;
import io.berth.eventstore.JsonColumns;
import io.berth.eventsourcing.Projection;
import io.berth.registry.infra.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the repository tables equal to the repository and scan streams: a row per repository
 * (its settings folded by {@link RepositoryDecider}), per image, per tag, per digest an image
 * names, and per image scan.
 */
@ApplicationScoped
public class RepositoryProjection implements Projection {

    public static final String STREAM_TYPE = "repository";
    public static final String SCAN_STREAM_TYPE = "image-scan";
    private static final RepositoryDecider DECIDER = new RepositoryDecider();

    private final Sql sql;

    public RepositoryProjection(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String name() {
        return "repository-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE, SCAN_STREAM_TYPE);
    }

    @Override
    public void reset() {
        for (String table : new String[] {"image_scan_view", "image_reference_view", "image_tag_view", "image_view",
                "repository_view"}) {
            sql.update("delete from " + table);
        }
    }

    @Override
    public void apply(EventEnvelope envelope) {
        RegistryEvent event = (RegistryEvent) envelope.payload();
        String arn = event.repositoryArn();
        if (event instanceof ImageScanCompleted scan) {
            sql.update("insert into image_scan_view (repository_arn, image_digest, status, description, completed_at,"
                    + " packages) values (?, ?, ?, ?, ?, ?) on conflict (repository_arn, image_digest) do update set"
                    + " status = excluded.status, description = excluded.description,"
                    + " completed_at = excluded.completed_at, packages = excluded.packages", arn, scan.imageDigest(),
                    scan.status(), scan.description(), scan.completedAt(), JsonColumns.write(scan.packages()));
            return;
        }
        if (event instanceof RepositoryDeleted) {
            deleteImagesOf(arn, null);
            sql.update("delete from repository_view where repository_arn = ?", arn);
            return;
        }
        if (event instanceof ImagePushed pushed) {
            if (pushed.imageTag() != null) {
                sql.update("delete from image_tag_view where repository_arn = ? and image_tag = ?", arn,
                        pushed.imageTag());
                sql.update("insert into image_tag_view (repository_arn, image_tag, image_digest) values (?, ?, ?)", arn,
                        pushed.imageTag(), pushed.imageDigest());
            }
            sql.update("insert into image_view (repository_arn, image_digest, account, region,"
                    + " image_manifest_media_type, artifact_media_type, image_size_in_bytes, pushed_at, seq)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", arn, pushed.imageDigest(), envelope.account(),
                    envelope.region(), pushed.imageManifestMediaType(), pushed.artifactMediaType(),
                    pushed.imageSizeInBytes(), pushed.pushedAt(), envelope.aggregateVersion());
            for (String reference : new java.util.LinkedHashSet<>(pushed.references())) {
                sql.update("insert into image_reference_view (repository_arn, image_digest, reference_digest)"
                        + " values (?, ?, ?)", arn, pushed.imageDigest(), reference);
            }
            return;
        }
        if (event instanceof ImageTagged tagged) {
            sql.update("insert into image_tag_view (repository_arn, image_tag, image_digest) values (?, ?, ?)"
                    + " on conflict (repository_arn, image_tag) do update set image_digest = excluded.image_digest",
                    arn, tagged.imageTag(), tagged.imageDigest());
            return;
        }
        if (event instanceof ImageUntagged untagged) {
            sql.update("delete from image_tag_view where repository_arn = ? and image_tag = ?", arn,
                    untagged.imageTag());
            return;
        }
        if (event instanceof ImageDeleted deleted) {
            deleteImagesOf(arn, deleted.imageDigest());
            return;
        }
        if (event instanceof LifecyclePolicyApplied applied) {
            applied.expired().forEach(expired -> deleteImagesOf(arn, expired.imageDigest()));
        }
        RepositoryState before = event instanceof RepositoryCreated ? RepositoryState.NONE : settings(arn);
        RepositoryState after = DECIDER.evolve(before, event).with(Map.of());
        sql.update("insert into repository_view (repository_arn, account, region, repository_name, state)"
                + " values (?, ?, ?, ?, ?) on conflict (repository_arn) do update set state = excluded.state", arn,
                envelope.account(), envelope.region(), after.repositoryName(), JsonColumns.write(after));
    }

    private RepositoryState settings(String arn) {
        return sql.one("select state from repository_view where repository_arn = ?", rs -> rs.getString(1), arn)
                .map(RepositoryQueries::readState).orElse(RepositoryState.NONE);
    }

    /** One image of the repository, or all of them when {@code digest} is null. */
    private void deleteImagesOf(String arn, String digest) {
        String which = digest == null ? "" : " and image_digest = ?";
        Object[] parameters = digest == null ? new Object[] {arn} : new Object[] {arn, digest};
        for (String table : new String[] {"image_scan_view", "image_reference_view", "image_tag_view",
                "image_view"}) {
            sql.update("delete from " + table + " where repository_arn = ?" + which, parameters);
        }
    }
}
