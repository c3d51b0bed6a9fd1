package io.berth.agent.runtime.docker;

/**
 * An image reference cut as the engine's pull call wants it: {@code repository} (with its registry, if any) and a
 * tag or a digest ({@code latest} when it names neither). {@code registry} is the host the image comes from, or null
 * for Docker Hub: the first path component when it has a dot or a port, or is {@code localhost}.
 */
public record ImageReference(String registry, String repository, String tagOrDigest) {

    public static ImageReference parse(String image) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("a container needs an image");
        }
        String repository;
        String reference;
        int at = image.indexOf('@');
        int colon = image.lastIndexOf(':');
        if (at >= 0) {
            repository = image.substring(0, at);
            reference = image.substring(at + 1);
        } else if (colon > image.lastIndexOf('/')) {
            repository = image.substring(0, colon);
            reference = image.substring(colon + 1);
        } else {
            repository = image;
            reference = "latest";
        }
        int slash = repository.indexOf('/');
        String first = slash < 0 ? null : repository.substring(0, slash);
        String registry = first != null && (first.contains(".") || first.contains(":") || first.equals("localhost"))
                ? first : null;
        return new ImageReference(registry, repository, reference);
    }
}
