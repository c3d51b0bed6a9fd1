package io.berth.registry.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.ecs.Caller;
import io.berth.eventstore.JsonColumns;
import io.berth.registry.EcrErrors;
import io.berth.registry.infra.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the repository projection: what the ECR API and the registry answer from. */
@ApplicationScoped
public class RepositoryQueries {

    /** An image as the projection holds it; {@code seq} orders images as they were pushed. */
    public record ImageRow(String repositoryArn, String imageDigest, List<String> imageTags,
            String imageManifestMediaType, String artifactMediaType, long imageSizeInBytes, Instant pushedAt,
            long seq) {
    }

    /** An image's latest scan. */
    public record ScanRow(String status, String description, Instant completedAt, String packagesJson) {
    }

    private static final String IMAGE_COLUMNS = "i.repository_arn, i.image_digest, i.image_manifest_media_type,"
            + " i.artifact_media_type, i.image_size_in_bytes, i.pushed_at, i.seq, (select coalesce(array_agg("
            + "t.image_tag order by t.image_tag), '{}') from image_tag_view t where t.repository_arn ="
            + " i.repository_arn and t.image_digest = i.image_digest) as tags";

    private final Sql sql;

    public RepositoryQueries(Sql sql) {
        this.sql = sql;
    }

    static RepositoryState readState(String json) {
        return JsonColumns.read(json, new TypeReference<RepositoryState>() { });
    }

    public Optional<RepositoryState> repository(Caller caller, String name) {
        return sql.one("select state from repository_view where account = ? and region = ? and repository_name = ?",
                rs -> readState(rs.getString(1)), caller.account(), caller.region(), name);
    }

    /** The repository, or ECR's RepositoryNotFoundException. */
    public RepositoryState require(Caller caller, String name) {
        return repository(caller, name).orElseThrow(() -> EcrErrors.repositoryNotFound(name, caller.account()));
    }

    /** The caller's repositories by name. */
    public List<RepositoryState> repositories(Caller caller) {
        return sql.query("select state from repository_view where account = ? and region = ? order by"
                + " repository_name", rs -> readState(rs.getString(1)), caller.account(), caller.region());
    }

    /** Names after {@code last} in the caller's registry, in order, at most {@code limit}: the registry's catalog. */
    public List<String> names(Caller caller, String last, int limit) {
        return sql.query("select repository_name from repository_view where account = ? and region = ?"
                + " and repository_name > ? order by repository_name limit ?", rs -> rs.getString(1),
                caller.account(), caller.region(), last == null ? "" : last, limit);
    }

    /** The repository's images in push order. */
    public List<ImageRow> images(String repositoryArn) {
        return sql.query("select " + IMAGE_COLUMNS + " from image_view i where i.repository_arn = ? order by i.seq",
                RepositoryQueries::image, repositoryArn);
    }

    public Optional<ImageRow> image(String repositoryArn, String digest) {
        return sql.one("select " + IMAGE_COLUMNS + " from image_view i where i.repository_arn = ?"
                + " and i.image_digest = ?", RepositoryQueries::image, repositoryArn, digest);
    }

    public Optional<ImageRow> tagged(String repositoryArn, String tag) {
        return sql.one("select " + IMAGE_COLUMNS + " from image_view i join image_tag_view t on t.repository_arn ="
                + " i.repository_arn and t.image_digest = i.image_digest where i.repository_arn = ?"
                + " and t.image_tag = ?", RepositoryQueries::image, repositoryArn, tag);
    }

    /** The digests an image's manifest names (config and layers, or an index's manifests). */
    public List<String> references(String repositoryArn, String digest) {
        return sql.query("select reference_digest from image_reference_view where repository_arn = ?"
                + " and image_digest = ?", rs -> rs.getString(1), repositoryArn, digest);
    }

    /** Tags after {@code last} in order, at most {@code limit}: the registry's tag list. */
    public List<String> tags(String repositoryArn, String last, int limit) {
        return sql.query("select image_tag from image_tag_view where repository_arn = ? and image_tag > ?"
                + " order by image_tag limit ?", rs -> rs.getString(1), repositoryArn, last == null ? "" : last, limit);
    }

    public Map<String, ScanRow> scans(String repositoryArn) {
        Map<String, ScanRow> scans = new LinkedHashMap<>();
        sql.query("select image_digest, status, description, completed_at, packages from image_scan_view"
                + " where repository_arn = ?", rs -> scans.put(rs.getString(1), new ScanRow(rs.getString(2),
                        rs.getString(3), Sql.instant(rs, "completed_at"), rs.getString(5))), repositoryArn);
        return scans;
    }

    public Optional<ScanRow> scan(String repositoryArn, String digest) {
        return sql.one("select status, description, completed_at, packages from image_scan_view"
                + " where repository_arn = ? and image_digest = ?", rs -> new ScanRow(rs.getString(1),
                        rs.getString(2), Sql.instant(rs, "completed_at"), rs.getString(4)), repositoryArn, digest);
    }

    private static ImageRow image(ResultSet rs) throws SQLException {
        List<String> tags = new ArrayList<>(Arrays.asList((String[]) rs.getArray("tags").getArray()));
        return new ImageRow(rs.getString("repository_arn"), rs.getString("image_digest"), tags,
                rs.getString("image_manifest_media_type"), rs.getString("artifact_media_type"),
                rs.getLong("image_size_in_bytes"), Sql.instant(rs, "pushed_at"), rs.getLong("seq"));
    }
}
