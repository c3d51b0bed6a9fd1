package io.berth.registry.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.events.RegistryEvent;
import io.berth.eventstore.DeciderRunner;
import io.berth.eventstore.StreamId;
import io.berth.registry.EcrErrors;
import io.berth.registry.blob.BlobStore;
import io.berth.registry.manifest.ImageManifests;
import io.berth.registry.manifest.ImageManifests.InvalidManifestException;
import io.berth.registry.manifest.ImageManifests.Manifest;
import io.berth.registry.repository.ImageDeletions;
import io.berth.registry.repository.RepositoryCommand.DeleteImages;
import io.berth.registry.repository.ImageIds;
import io.berth.registry.repository.RepositoryCommand.ImageId;
import io.berth.registry.repository.RepositoryCommand.PushImage;
import io.berth.registry.repository.RepositoryDecider;
import io.berth.registry.repository.RepositoryProjection;
import io.berth.registry.repository.RepositoryQueries;
import io.berth.registry.repository.RepositoryQueries.ImageRow;
import io.berth.registry.repository.RepositoryQueries.ScanRow;
import io.berth.registry.repository.RepositoryService;
import io.berth.registry.repository.RepositoryState;
import io.berth.registry.scan.ImageScanner;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The images of a repository: pushing a manifest (the registry's manifest PUT and ECR's PutImage
 * are the same act), and the ECR operations that list, describe, get and delete images.
 */
@ApplicationScoped
public class ImageService {

    private static final RepositoryDecider DECIDER = new RepositoryDecider();
    private static final Set<String> TAG_STATUSES = Set.of("TAGGED", "UNTAGGED", "ANY");
    private static final Pattern REGISTRY_TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private final RepositoryService repositories;
    private final RepositoryQueries queries;
    private final BlobStore blobs;
    private final DeciderRunner runner;
    private final ImageScanner scanner;

    public ImageService(RepositoryService repositories, RepositoryQueries queries, BlobStore blobs,
            DeciderRunner runner, ImageScanner scanner) {
        this.repositories = repositories;
        this.queries = queries;
        this.blobs = blobs;
        this.runner = runner;
        this.scanner = scanner;
    }

    /** What a push stored: the manifest's digest and media type. */
    public record Pushed(String digest, String mediaType) {
    }

    /**
     * Stores a manifest in the repository, tagged or by digest only. The blobs an image manifest
     * names must be in the repository (LayersNotFoundException), the manifests an index names must
     * be images of it (ReferencedImagesNotFoundException); a tag that may not move is
     * ImageTagAlreadyExistsException. {@code viaRegistry}: pushing a tag again to the image it
     * names already is a success, as a registry push is.
     */
    public Pushed push(RepositoryState repository, byte[] bytes, String declaredType, String tag, String digest,
            boolean viaRegistry) {
        Manifest manifest;
        try {
            manifest = ImageManifests.parse(bytes, declaredType);
        } catch (InvalidManifestException e) {
            throw EcrErrors.invalidParameter("imageManifest", e.getMessage());
        }
        if (digest != null && !digest.equals(manifest.digest())) {
            throw new EcsException("ImageDigestDoesNotMatchException", "Invalid parameter at 'imageDigest' failed to"
                    + " satisfy constraint: 'The digest " + digest + " is not the manifest's, " + manifest.digest()
                    + "'");
        }
        String arn = repository.repositoryArn();
        long size = manifest.imageSize();
        if (manifest.isIndex()) {
            List<String> missing = new ArrayList<>();
            long largest = 0;
            for (String child : manifest.references()) {
                Optional<ImageRow> image = queries.image(arn, child);
                image.ifPresentOrElse(i -> { }, () -> missing.add(child));
                largest = Math.max(largest, image.map(ImageRow::imageSizeInBytes).orElse(0L));
            }
            if (!missing.isEmpty()) {
                throw new EcsException(EcrErrors.REFERENCED_IMAGES_NOT_FOUND, "Manifests with digests '" + missing
                        + "' required for pushing image into repository with name '" + repository.repositoryName()
                        + "' in registry with id '" + repository.registryId() + "' do not exist");
            }
            size = largest;
        } else {
            List<String> missing = blobs.missing(arn, manifest.references());
            if (!missing.isEmpty()) {
                throw new EcsException(EcrErrors.LAYERS_NOT_FOUND, "Layers with digests '" + missing + "' required"
                        + " for pushing image into repository with name '" + repository.repositoryName()
                        + "' in registry with id '" + repository.registryId() + "' do not exist");
            }
        }
        blobs.put(arn, bytes);
        String artifactType = manifest.config() == null ? null : manifest.config().mediaType();
        repositories.handle(new PushImage(arn, manifest.digest(), tag, manifest.mediaType(), artifactType, size,
                manifest.references(), viaRegistry, Instant.now()));
        if (repository.scanOnPush() && !manifest.isIndex()) {
            scanner.scanQuietly(repository, manifest.digest());
        }
        return new Pushed(manifest.digest(), manifest.mediaType());
    }

    /** A tag the registry accepts (OCI: at most 128 characters of {@code [a-zA-Z0-9_.-]}). */
    public static boolean isRegistryTag(String tag) {
        return REGISTRY_TAG.matcher(tag).matches();
    }

    public ObjectNode putImage(EcsRequest request) {
        Caller caller = repositories.registry(request);
        RepositoryState repository = repositories.existing(caller, request);
        String manifest = request.string("imageManifest").orElseThrow(() -> EcrErrors.missing("imageManifest"));
        String tag = request.string("imageTag").orElse(null);
        if (tag != null && (tag.isEmpty() || tag.length() > 300)) {
            throw EcrErrors.invalidParameter("imageTag", "Member must have length between 1 and 300");
        }
        Pushed pushed = push(repository, manifest.getBytes(StandardCharsets.UTF_8),
                request.string("imageManifestMediaType").orElse(null), tag,
                request.string("imageDigest").orElse(null), false);
        ObjectNode response = EventJson.mapper().createObjectNode();
        ObjectNode image = response.putObject("image");
        image.put("registryId", repository.registryId());
        image.put("repositoryName", repository.repositoryName());
        image.set("imageId", ImageIds.toJson(new ImageId(pushed.digest(), tag)));
        image.put("imageManifest", manifest);
        image.put("imageManifestMediaType", pushed.mediaType());
        return response;
    }

    public ObjectNode listImages(EcsRequest request) {
        RepositoryState repository = repositories.existing(repositories.registry(request), request);
        String status = tagStatus(request);
        List<ObjectNode> ids = new ArrayList<>();
        for (ImageRow image : queries.images(repository.repositoryArn())) {
            if (image.imageTags().isEmpty() && !"TAGGED".equals(status)) {
                ids.add(ImageIds.toJson(new ImageId(image.imageDigest(), null)));
            }
            if (!"UNTAGGED".equals(status)) {
                image.imageTags().forEach(tag -> ids.add(ImageIds.toJson(new ImageId(image.imageDigest(), tag))));
            }
        }
        return Pages.page(ids, request, 1000, 100).writeTo(EventJson.mapper().createObjectNode(), "imageIds");
    }

    public ObjectNode describeImages(EcsRequest request) {
        RepositoryState repository = repositories.existing(repositories.registry(request), request);
        String status = tagStatus(request);
        String arn = repository.repositoryArn();
        Map<String, ScanRow> scans = queries.scans(arn);
        List<ImageRow> images = new ArrayList<>();
        List<ImageId> asked = ImageIds.list(request, false);
        if (asked.isEmpty()) {
            queries.images(arn).stream().filter(image -> "ANY".equals(status)
                    || image.imageTags().isEmpty() == "UNTAGGED".equals(status)).forEach(images::add);
        } else {
            for (ImageId id : asked) {
                ImageRow image = find(arn, id).orElseThrow(() -> EcrErrors.imageNotFound(id.imageDigest(),
                        id.imageTag(), repository.repositoryName(), repository.registryId()));
                if (images.stream().noneMatch(i -> i.imageDigest().equals(image.imageDigest()))) {
                    images.add(image);
                }
            }
        }
        List<ObjectNode> details = images.stream().map(image -> ImageResponses.detail(repository, image,
                scans.get(image.imageDigest()))).toList();
        return Pages.page(details, request, 1000, 100).writeTo(EventJson.mapper().createObjectNode(),
                "imageDetails");
    }

    public ObjectNode batchGetImage(EcsRequest request) {
        RepositoryState repository = repositories.existing(repositories.registry(request), request);
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode images = response.putArray("images");
        ArrayNode failures = response.putArray("failures");
        for (ImageId id : ImageIds.list(request, true)) {
            Optional<ImageDeletions.Failure> malformed = ImageDeletions.malformed(id);
            if (malformed.isPresent()) {
                failures.add(ImageResponses.failure(malformed.get()));
                continue;
            }
            Optional<ImageRow> image = find(repository.repositoryArn(), id);
            if (image.isEmpty()) {
                failures.add(ImageResponses.failure(new ImageDeletions.Failure(id, "ImageNotFound",
                        "Requested image not found")));
                continue;
            }
            ObjectNode found = images.addObject();
            found.put("registryId", repository.registryId());
            found.put("repositoryName", repository.repositoryName());
            found.set("imageId", ImageIds.toJson(new ImageId(image.get().imageDigest(), id.imageTag())));
            found.put("imageManifest", new String(manifest(image.get()), StandardCharsets.UTF_8));
            found.put("imageManifestMediaType", image.get().imageManifestMediaType());
        }
        return response;
    }

    public ObjectNode batchDeleteImage(EcsRequest request) {
        Caller caller = repositories.registry(request);
        RepositoryState repository = repositories.existing(caller, request);
        ImageDeletions.Plan plan = delete(repository, ImageIds.list(request, true));
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode deleted = response.putArray("imageIds");
        plan.deleted().forEach(id -> deleted.add(ImageIds.toJson(id)));
        ArrayNode failures = response.putArray("failures");
        plan.failures().forEach(failure -> failures.add(ImageResponses.failure(failure)));
        return response;
    }

    /** Deletes images (by tag: the tag; by digest: the image) as BatchDeleteImage does; what it did and did not. */
    public ImageDeletions.Plan delete(RepositoryState repository, List<ImageId> ids) {
        RepositoryState state = runner.load(DECIDER, RegistryEvent.class,
                new StreamId(RepositoryProjection.STREAM_TYPE, repository.repositoryArn()));
        ImageDeletions.Plan plan = ImageDeletions.plan(state, ids);
        if (!plan.events().isEmpty()) {
            repositories.handle(new DeleteImages(repository.repositoryArn(), plan.deleted()));
        }
        return plan;
    }

    public ObjectNode batchCheckLayerAvailability(EcsRequest request) {
        RepositoryState repository = repositories.existing(repositories.registry(request), request);
        List<String> digests = request.strings("layerDigests");
        if (digests.isEmpty() || digests.size() > 100) {
            throw EcrErrors.invalidParameter("layerDigests", "Member must have length between 1 and 100");
        }
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode layers = response.putArray("layers");
        ArrayNode failures = response.putArray("failures");
        for (String digest : digests) {
            if (!BlobStore.isDigest(digest)) {
                failures.addObject().put("layerDigest", digest).put("failureCode", "InvalidLayerDigest")
                        .put("failureReason", "Invalid layer digest");
                continue;
            }
            Optional<Long> size = blobs.size(repository.repositoryArn(), digest);
            ObjectNode layer = layers.addObject().put("layerDigest", digest)
                    .put("layerAvailability", size.isPresent() ? "AVAILABLE" : "UNAVAILABLE");
            size.ifPresent(bytes -> layer.put("layerSize", bytes));
        }
        return response;
    }

    /** The image an id names: by digest (and then the tag must be on it) or by tag. */
    public Optional<ImageRow> find(String repositoryArn, ImageId id) {
        if (id.imageDigest() != null) {
            return queries.image(repositoryArn, id.imageDigest())
                    .filter(image -> id.imageTag() == null || image.imageTags().contains(id.imageTag()));
        }
        return id.imageTag() == null ? Optional.empty() : queries.tagged(repositoryArn, id.imageTag());
    }

    /** The manifest of an image, byte for byte as it was pushed. */
    public byte[] manifest(ImageRow image) {
        try {
            return java.nio.file.Files.readAllBytes(blobs.path(image.imageDigest()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("The manifest of " + image.imageDigest() + " is missing", e);
        }
    }

    private static String tagStatus(EcsRequest request) {
        String status = request.object("filter").flatMap(filter -> filter.string("tagStatus")).orElse("ANY");
        if (!TAG_STATUSES.contains(status)) {
            throw EcrErrors.invalidParameter("filter.tagStatus", "Member must satisfy enum value set: [TAGGED,"
                    + " UNTAGGED, ANY]");
        }
        return status;
    }
}
