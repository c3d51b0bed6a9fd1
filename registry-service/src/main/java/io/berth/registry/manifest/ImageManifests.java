package io.berth.registry.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventJson;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Image manifests as the registry stores them: Docker schema 2 and OCI image manifests (a config
 * and layers) and Docker manifest lists and OCI indexes (manifests). A manifest is kept byte for
 * byte; its digest is the SHA-256 of those bytes.
 */
public final class ImageManifests {

    public static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final Set<String> SUPPORTED = Set.of(DOCKER_V2, DOCKER_LIST, OCI_MANIFEST, OCI_INDEX);
    /** ECR's limit on a manifest: 4 MiB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private ImageManifests() {
    }

    /** A manifest that could not be read as one the registry stores. */
    public static final class InvalidManifestException extends RuntimeException {
        public InvalidManifestException(String message) {
            super(message);
        }
    }

    /** A blob a manifest names: its digest, size and media type. */
    public record Descriptor(String digest, long size, String mediaType) {
    }

    /**
     * What the registry needs of a manifest. {@code config} and {@code layers} for an image,
     * {@code manifests} for an index; {@code subject} when it is an OCI 1.1 referrer.
     */
    public record Manifest(String digest, String mediaType, Descriptor config, List<Descriptor> layers,
            List<Descriptor> manifests, String subject) {

        public boolean isIndex() {
            return ImageManifests.isIndex(mediaType);
        }

        /** The digests this manifest names: config and layers, or the manifests of an index. */
        public List<String> references() {
            List<String> references = new ArrayList<>();
            if (config != null) {
                references.add(config.digest());
            }
            layers.forEach(layer -> references.add(layer.digest()));
            manifests.forEach(manifest -> references.add(manifest.digest()));
            return references;
        }

        /** The size ECR reports for an image: its config and layers as pushed (compressed). */
        public long imageSize() {
            return (config == null ? 0 : config.size()) + layers.stream().mapToLong(Descriptor::size).sum();
        }
    }

    public static boolean isIndex(String mediaType) {
        return DOCKER_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }

    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }

    public static String digestOf(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a manifest. {@code declaredType} is the Content-Type it came with (or PutImage's
     * {@code imageManifestMediaType}); when the manifest names its own {@code mediaType} the two
     * must agree, and one of them must be a type the registry stores.
     */
    public static Manifest parse(byte[] bytes, String declaredType) {
        if (bytes.length == 0) {
            throw new InvalidManifestException("The manifest is empty.");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidManifestException("The manifest is " + bytes.length + " bytes; the limit is " + MAX_BYTES
                    + " bytes.");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new InvalidManifestException("The manifest is not valid JSON.");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidManifestException("The manifest must be a JSON object.");
        }
        if (json.path("schemaVersion").asInt() != 2) {
            throw new InvalidManifestException("Only manifests of schemaVersion 2 are supported (Docker schema 2,"
                    + " OCI); this one has schemaVersion " + json.path("schemaVersion") + ".");
        }
        String own = json.path("mediaType").isTextual() ? json.path("mediaType").asText() : null;
        String declared = declaredType == null ? null : declaredType.split(";")[0].trim();
        if (declared != null && (declared.isEmpty() || "application/json".equals(declared)
                || "application/octet-stream".equals(declared))) {
            declared = null;
        }
        if (own != null && declared != null && !own.equals(declared)) {
            throw new InvalidManifestException("The manifest's mediaType " + own + " is not its declared type "
                    + declared + ".");
        }
        String mediaType = own != null ? own : declared != null ? declared
                : json.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
        if (!SUPPORTED.contains(mediaType)) {
            throw new InvalidManifestException("Unsupported manifest media type " + mediaType + "; the registry"
                    + " stores " + String.join(", ", new java.util.TreeSet<>(SUPPORTED)) + ".");
        }
        List<Descriptor> layers = new ArrayList<>();
        List<Descriptor> manifests = new ArrayList<>();
        Descriptor config = null;
        if (isIndex(mediaType)) {
            if (!json.path("manifests").isArray()) {
                throw new InvalidManifestException("An index must list its manifests.");
            }
            for (JsonNode entry : json.path("manifests")) {
                manifests.add(descriptor(entry, "manifests"));
            }
        } else {
            config = descriptor(json.path("config"), "config");
            if (!json.path("layers").isArray()) {
                throw new InvalidManifestException("An image manifest must list its layers.");
            }
            for (JsonNode entry : json.path("layers")) {
                layers.add(descriptor(entry, "layers"));
            }
        }
        String subject = json.path("subject").isObject() ? descriptor(json.path("subject"), "subject").digest() : null;
        return new Manifest(digestOf(bytes), mediaType, config, layers, manifests, subject);
    }

    private static Descriptor descriptor(JsonNode node, String member) {
        if (!node.isObject()) {
            throw new InvalidManifestException("The manifest's " + member + " must be a descriptor.");
        }
        String digest = node.path("digest").asText("");
        if (!isDigest(digest)) {
            throw new InvalidManifestException("The manifest's " + member + " names an invalid digest '" + digest
                    + "'; expected sha256:<64 lower-case hex digits>.");
        }
        if (!node.path("size").canConvertToLong() || node.path("size").asLong() < 0) {
            throw new InvalidManifestException("The manifest's " + member + " " + digest + " has no valid size.");
        }
        return new Descriptor(digest, node.path("size").asLong(),
                node.path("mediaType").isTextual() ? node.path("mediaType").asText() : null);
    }
}
