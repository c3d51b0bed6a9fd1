package io.berth.registry.distribution;

import io.berth.registry.repository.RepositoryNames;
import java.util.Optional;

/**
 * A path of the registry API (OCI Distribution) after {@code /v2/}, as what it names. Repository
 * names contain {@code /}, so a path is read from its end: {@code <name>/manifests/<reference>},
 * {@code <name>/blobs/<digest>}, {@code <name>/blobs/uploads/[<id>]}, {@code <name>/tags/list}.
 */
public record RegistryPath(Kind kind, String name, String reference) {

    public enum Kind {
        BASE, CATALOG, TAGS, MANIFEST, BLOB, UPLOADS, UPLOAD
    }

    /** What {@code path} names; empty when it names nothing of the API or an invalid repository name. */
    public static Optional<RegistryPath> parse(String path) {
        String p = path == null ? "" : path;
        if (p.isEmpty()) {
            return Optional.of(new RegistryPath(Kind.BASE, null, null));
        }
        if (p.equals("_catalog")) {
            return Optional.of(new RegistryPath(Kind.CATALOG, null, null));
        }
        if (p.endsWith("/tags/list")) {
            return named(Kind.TAGS, p.substring(0, p.length() - "/tags/list".length()), null);
        }
        if (p.endsWith("/blobs/uploads/") || p.endsWith("/blobs/uploads")) {
            return named(Kind.UPLOADS, p.substring(0, p.lastIndexOf("/blobs/uploads")), null);
        }
        int uploads = p.lastIndexOf("/blobs/uploads/");
        if (uploads > 0 && p.indexOf('/', uploads + "/blobs/uploads/".length()) < 0) {
            return named(Kind.UPLOAD, p.substring(0, uploads), p.substring(uploads + "/blobs/uploads/".length()));
        }
        for (String segment : new String[] {"/manifests/", "/blobs/"}) {
            int at = p.lastIndexOf(segment);
            if (at > 0) {
                String reference = p.substring(at + segment.length());
                if (reference.isEmpty() || reference.contains("/")) {
                    return Optional.empty();
                }
                return named(segment.equals("/blobs/") ? Kind.BLOB : Kind.MANIFEST, p.substring(0, at), reference);
            }
        }
        return Optional.empty();
    }

    private static Optional<RegistryPath> named(Kind kind, String name, String reference) {
        return Optional.of(new RegistryPath(kind, name, reference));
    }

    public boolean hasValidName() {
        return name == null || RepositoryNames.isValid(name);
    }
}
