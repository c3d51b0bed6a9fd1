package io.berth.registry.scan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Timestamps;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.RegistryEvent.ImageScanCompleted;
import io.berth.events.RegistryEvent.ScannedPackage;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.JsonColumns;
import io.berth.eventstore.ProjectionRebuilder;
import io.berth.eventstore.StreamId;
import io.berth.registry.EcrErrors;
import io.berth.registry.blob.BlobStore;
import io.berth.registry.manifest.ImageManifests;
import io.berth.registry.manifest.ImageManifests.Manifest;
import io.berth.registry.repository.ImageIds;
import io.berth.registry.repository.RepositoryCommand.ImageId;
import io.berth.registry.repository.RepositoryNames;
import io.berth.registry.repository.RepositoryProjection;
import io.berth.registry.repository.RepositoryQueries;
import io.berth.registry.repository.RepositoryQueries.ImageRow;
import io.berth.registry.repository.RepositoryQueries.ScanRow;
import io.berth.registry.repository.RepositoryState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Basic scanning: the packages an image's layers install, listed from their package databases.
 * Berth reaches no vulnerability database, so a scan never has findings, and its description says
 * why instead of pretending the image is clean. One scan per image a day, as ECR allows.
 */
@ApplicationScoped
public class ImageScanner {

    private static final Logger LOG = Logger.getLogger(ImageScanner.class);
    private static final Duration QUOTA = Duration.ofHours(24);

    private final RepositoryQueries queries;
    private final BlobStore blobs;
    private final EventStore store;
    private final ProjectionRebuilder projections;
    private final RepositoryProjection projection;
    private final CallerContext context;

    public ImageScanner(RepositoryQueries queries, BlobStore blobs, EventStore store, ProjectionRebuilder projections,
            RepositoryProjection projection, CallerContext context) {
        this.queries = queries;
        this.blobs = blobs;
        this.store = store;
        this.projections = projections;
        this.projection = projection;
        this.context = context;
    }

    /** StartImageScan: scans at once, unless the image was scanned in the last day. */
    public ObjectNode start(RepositoryState repository, EcsRequest request) {
        ImageId id = ImageIds.one(request);
        ImageRow image = image(repository, id);
        Optional<ScanRow> last = queries.scan(repository.repositoryArn(), image.imageDigest());
        if (last.isPresent() && last.get().completedAt().isAfter(Instant.now().minus(QUOTA))) {
            throw new EcsException(EcrErrors.LIMIT_EXCEEDED, "The scan quota per image has been exceeded. Wait and"
                    + " try again.");
        }
        ImageScanCompleted scan = scan(repository, image.imageDigest());
        ObjectNode response = named(repository, id, image);
        response.putObject("imageScanStatus").put("status", scan.status()).put("description", scan.description());
        return response;
    }

    /** DescribeImageScanFindings: the scan's status and inventory; findings are empty (no vulnerability database). */
    public ObjectNode findings(RepositoryState repository, EcsRequest request) {
        ImageId id = ImageIds.one(request);
        ImageRow image = image(repository, id);
        ScanRow scan = queries.scan(repository.repositoryArn(), image.imageDigest()).orElseThrow(() ->
                EcrErrors.scanNotFound(id.imageDigest(), id.imageTag(), repository.repositoryName(),
                        repository.registryId()));
        request.integer("maxResults").filter(n -> n < 1 || n > 1000).ifPresent(n -> {
            throw EcrErrors.invalidParameter("maxResults", "Member must have value between 1 and 1000");
        });
        ObjectNode response = named(repository, id, image);
        response.putObject("imageScanStatus").put("status", scan.status()).put("description", scan.description());
        ObjectNode findings = response.putObject("imageScanFindings");
        findings.put("imageScanCompletedAt", Timestamps.epochSeconds(scan.completedAt()));
        findings.putObject("findingSeverityCounts");
        findings.putArray("findings");
        // Not an ECR member: the packages the scan listed, which SDKs ignore and Berth's users can read.
        ArrayNode inventory = findings.putArray("inventory");
        List<ScannedPackage> packages = JsonColumns.read(scan.packagesJson(), new TypeReference<>() { });
        packages.forEach(p -> inventory.add(EventJson.mapper().<com.fasterxml.jackson.databind.JsonNode>valueToTree(p)));
        return response;
    }

    /** A scan on push: its failure is recorded as the scan's status, never the push's. */
    public void scanQuietly(RepositoryState repository, String digest) {
        try {
            scan(repository, digest);
        } catch (RuntimeException e) {
            LOG.warnf(e, "The scan of %s in %s could not be recorded", digest, repository.repositoryName());
        }
    }

    ImageScanCompleted scan(RepositoryState repository, String digest) {
        ImageScanCompleted scan = inventory(repository, digest);
        StreamId stream = new StreamId(RepositoryProjection.SCAN_STREAM_TYPE, repository.repositoryArn() + "@"
                + digest);
        QuarkusTransaction.requiringNew().run(() -> {
            io.berth.ecs.Caller owner = RepositoryNames.parseArn(repository.repositoryArn()).orElseThrow().caller();
            List<EventEnvelope> events = store.appendToEnd(stream, List.of(scan), EventContext.of(owner.account(),
                    owner.region(), context.requestId()));
            events.forEach(event -> projections.applyIfNew(projection, event));
        });
        return scan;
    }

    private ImageScanCompleted inventory(RepositoryState repository, String digest) {
        Instant now = Instant.now();
        String arn = repository.repositoryArn();
        Manifest manifest;
        try {
            manifest = ImageManifests.parse(Files.readAllBytes(blobs.path(digest)), null);
        } catch (IOException | RuntimeException e) {
            return new ImageScanCompleted(arn, digest, "FAILED", "The image's manifest could not be read.", List.of(),
                    now);
        }
        if (manifest.isIndex()) {
            return new ImageScanCompleted(arn, digest, "UNSUPPORTED_IMAGE", "An index is not scanned; scan the"
                    + " images it names.", List.of(), now);
        }
        List<String> layers = manifest.layers().stream().map(ImageManifests.Descriptor::digest).toList();
        PackageInventory.Result result = PackageInventory.of(layers, layer -> Files.newInputStream(blobs.path(layer)));
        String description = "Listed " + result.packages().size() + " packages (dpkg " + result.count("DPKG")
                + ", apk " + result.count("APK") + ") from the package databases of " + result.layersRead() + " of "
                + layers.size() + " layers" + (result.unreadable().isEmpty() ? ""
                        : "; layers that could not be read: " + String.join(", ", result.unreadable()))
                + ". Berth reaches no vulnerability database, so the scan reports no findings.";
        return new ImageScanCompleted(arn, digest, "COMPLETE", description, result.packages(), now);
    }

    private ImageRow image(RepositoryState repository, ImageId id) {
        Optional<ImageRow> image = id.imageDigest() != null
                ? queries.image(repository.repositoryArn(), id.imageDigest())
                : queries.tagged(repository.repositoryArn(), id.imageTag());
        return image.filter(i -> id.imageTag() == null || i.imageTags().contains(id.imageTag()))
                .orElseThrow(() -> EcrErrors.imageNotFound(id.imageDigest(), id.imageTag(),
                        repository.repositoryName(), repository.registryId()));
    }

    private static ObjectNode named(RepositoryState repository, ImageId id, ImageRow image) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.put("registryId", repository.registryId());
        response.put("repositoryName", repository.repositoryName());
        ObjectNode imageId = response.putObject("imageId").put("imageDigest", image.imageDigest());
        if (id.imageTag() != null) {
            imageId.put("imageTag", id.imageTag());
        }
        return response;
    }
}
