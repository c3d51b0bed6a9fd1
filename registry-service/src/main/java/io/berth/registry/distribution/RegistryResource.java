package io.berth.registry.distribution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.events.EventJson;
import io.berth.registry.blob.BlobException;
import io.berth.registry.blob.BlobStore;
import io.berth.registry.blob.BlobStore.Upload;
import io.berth.registry.image.ImageService;
import io.berth.registry.manifest.ImageManifests;
import io.berth.registry.repository.ImageDeletions;
import io.berth.registry.repository.RepositoryCommand.ImageId;
import io.berth.registry.repository.RepositoryNames;
import io.berth.registry.repository.RepositoryQueries;
import io.berth.registry.repository.RepositoryQueries.ImageRow;
import io.berth.registry.repository.RepositoryState;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PathPart;

/**
 * The registry: the OCI Distribution API (Docker Registry HTTP API V2) under {@code /v2/}, which
 * docker, podman and skopeo push to and pull from, on the registry-service's own port (ADR 0021).
 * Every request authenticates as ECR's do (Basic, user {@code AWS}) and acts in the registry of
 * the token's account and region.
 */
@Path("/v2")
@Tag(name = "Registry (OCI Distribution)")
public class RegistryResource {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final String DIGEST_HEADER = "Docker-Content-Digest";

    private final RegistryAuth auth;
    private final RepositoryQueries queries;
    private final ImageService images;
    private final BlobStore blobs;

    public RegistryResource(RegistryAuth auth, RepositoryQueries queries, ImageService images, BlobStore blobs) {
        this.auth = auth;
        this.queries = queries;
        this.images = images;
        this.blobs = blobs;
    }

    /** One request: who it is from, what it names, and what it carries. */
    private record Call(Caller caller, RegistryPath path, HttpHeaders headers, UriInfo uri, InputStream body) {

        String query(String name) {
            return uri.getQueryParameters().getFirst(name);
        }
    }

    @GET
    @Operation(summary = "The registry's version check: 200 for a valid token, 401 with ECR's Basic challenge otherwise")
    public Response base(@Context HttpHeaders headers, @Context UriInfo uri) {
        return handle("", headers, uri, null, this::get);
    }

    @GET
    @Path("{path: .*}")
    @Operation(summary = "Pull: manifests, blobs (with Range), tag lists, the catalog, upload status")
    public Response get(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri) {
        return handle(path, headers, uri, null, this::get);
    }

    @HEAD
    @Path("{path: .*}")
    @Operation(summary = "Whether a manifest or blob exists, with its digest and size")
    public Response head(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri) {
        return handle(path, headers, uri, null, this::head);
    }

    @POST
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start an upload, upload a blob in one request (?digest=), or mount one (?mount=&from=)")
    public Response post(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri,
            InputStream body) {
        return handle(path, headers, uri, body, this::post);
    }

    @PATCH
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Append a chunk (Content-Range) or a stream to an upload")
    public Response patch(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri,
            InputStream body) {
        return handle(path, headers, uri, body, this::patch);
    }

    @PUT
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Complete an upload (?digest=, verified), or push a manifest by tag or digest")
    public Response put(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri,
            InputStream body) {
        return handle(path, headers, uri, body, this::put);
    }

    @DELETE
    @Path("{path: .*}")
    @Operation(summary = "Delete a manifest (the image, as BatchDeleteImage) or cancel an upload")
    public Response delete(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri) {
        return handle(path, headers, uri, null, this::delete);
    }

    private Response handle(String path, HttpHeaders headers, UriInfo uri, InputStream body,
            Function<Call, Response> method) {
        // The authority the client addressed: the Host header, or HTTP/2's :authority.
        RegistryAuth.Authenticated authenticated = auth.authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                uri.getRequestUri().getAuthority());
        if (authenticated.caller().isEmpty()) {
            return authenticated.refusal();
        }
        Optional<RegistryPath> parsed = RegistryPath.parse(path);
        if (parsed.isEmpty()) {
            return RegistryErrors.of(404, "NOT_FOUND", "The registry has no resource /v2/" + path + ".");
        }
        if (!parsed.get().hasValidName()) {
            return RegistryErrors.of(400, "NAME_INVALID", "'" + parsed.get().name() + "' is not a valid repository"
                    + " name.");
        }
        try {
            Response response = method.apply(new Call(authenticated.caller().get(), parsed.get(), headers, uri, body));
            return Response.fromResponse(response).header(RegistryErrors.API_VERSION_HEADER, RegistryErrors.API_VERSION)
                    .build();
        } catch (EcsException e) {
            return RegistryErrors.of(e);
        } catch (BlobException e) {
            return RegistryErrors.of(e);
        }
    }

    private Response get(Call call) {
        RegistryPath path = call.path();
        return switch (path.kind()) {
            case BASE -> Response.ok("{}", MediaType.APPLICATION_JSON).build();
            case CATALOG -> catalog(call);
            case TAGS -> tags(call);
            case MANIFEST -> manifest(call, true);
            case BLOB -> blob(call, true);
            case UPLOAD -> {
                Upload upload = blobs.upload(repository(call).repositoryArn(), path.reference());
                yield uploadAnswer(Response.noContent(), path.name(), upload).build();
            }
            case UPLOADS -> notAllowed("GET", path);
        };
    }

    private Response head(Call call) {
        return switch (call.path().kind()) {
            case BASE -> Response.ok().build();
            case MANIFEST -> manifest(call, false);
            case BLOB -> blob(call, false);
            default -> notAllowed("HEAD", call.path());
        };
    }

    private Response post(Call call) {
        RegistryPath path = call.path();
        if (path.kind() != RegistryPath.Kind.UPLOADS) {
            return notAllowed("POST", path);
        }
        RepositoryState repository = repository(call);
        String mount = call.query("mount");
        String from = call.query("from");
        if (mount != null && from != null && BlobStore.isDigest(mount) && RepositoryNames.isValid(from)) {
            Optional<RepositoryState> source = queries.repository(call.caller(), from);
            if (source.isPresent() && blobs.mount(source.get().repositoryArn(), repository.repositoryArn(), mount)) {
                return Response.status(201).header("Location", "/v2/" + path.name() + "/blobs/" + mount)
                        .header(DIGEST_HEADER, mount).build();
            }
        }
        Upload upload = blobs.start(repository.repositoryArn());
        String digest = call.query("digest");
        if (digest != null) {
            blobs.complete(upload, digest, call.body());
            return created(path.name(), digest);
        }
        return uploadAnswer(Response.status(202), path.name(), upload).build();
    }

    private Response patch(Call call) {
        RegistryPath path = call.path();
        if (path.kind() != RegistryPath.Kind.UPLOAD) {
            return notAllowed("PATCH", path);
        }
        Upload upload = blobs.upload(repository(call).repositoryArn(), path.reference());
        Upload appended = blobs.append(upload, call.headers().getHeaderString("Content-Range"), call.body());
        return uploadAnswer(Response.status(202), path.name(), appended).build();
    }

    private Response put(Call call) {
        RegistryPath path = call.path();
        if (path.kind() == RegistryPath.Kind.UPLOAD) {
            Upload upload = blobs.upload(repository(call).repositoryArn(), path.reference());
            String digest = call.query("digest");
            if (digest == null) {
                throw new BlobException("DIGEST_INVALID", 400, "The upload's last PUT must name its digest (?digest=).");
            }
            blobs.complete(upload, digest, call.body());
            return created(path.name(), digest);
        }
        if (path.kind() != RegistryPath.Kind.MANIFEST) {
            return notAllowed("PUT", path);
        }
        RepositoryState repository = repository(call);
        byte[] manifest;
        try {
            manifest = call.body().readNBytes(ImageManifests.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (manifest.length > ImageManifests.MAX_BYTES) {
            return RegistryErrors.of(413, "SIZE_INVALID", "A manifest can have at most " + ImageManifests.MAX_BYTES
                    + " bytes.");
        }
        String reference = path.reference();
        boolean byDigest = reference.contains(":");
        if (!byDigest && !ImageService.isRegistryTag(reference)) {
            return RegistryErrors.of(400, "TAG_INVALID", "'" + reference + "' is not a valid tag.");
        }
        ImageService.Pushed pushed = images.push(repository, manifest,
                call.headers().getHeaderString(HttpHeaders.CONTENT_TYPE), byDigest ? null : reference,
                byDigest ? reference : null, true);
        return Response.status(201).header("Location", "/v2/" + path.name() + "/manifests/" + pushed.digest())
                .header(DIGEST_HEADER, pushed.digest()).build();
    }

    private Response delete(Call call) {
        RegistryPath path = call.path();
        RepositoryState repository = repository(call);
        if (path.kind() == RegistryPath.Kind.UPLOAD) {
            blobs.cancel(blobs.upload(repository.repositoryArn(), path.reference()));
            return Response.noContent().build();
        }
        if (path.kind() != RegistryPath.Kind.MANIFEST) {
            return notAllowed("DELETE", path);
        }
        String reference = path.reference();
        ImageId id = reference.contains(":") ? new ImageId(reference, null) : new ImageId(null, reference);
        ImageDeletions.Plan plan = images.delete(repository, List.of(id));
        if (!plan.failures().isEmpty()) {
            ImageDeletions.Failure failure = plan.failures().get(0);
            return RegistryErrors.of("ImageNotFound".equals(failure.failureCode()) ? 404 : 400,
                    "ImageNotFound".equals(failure.failureCode()) ? "MANIFEST_UNKNOWN" : "UNSUPPORTED",
                    failure.failureReason());
        }
        return Response.accepted().build();
    }

    private Response manifest(Call call, boolean withBody) {
        RepositoryState repository = repository(call);
        String reference = call.path().reference();
        Optional<ImageRow> image = reference.contains(":") ? queries.image(repository.repositoryArn(), reference)
                : queries.tagged(repository.repositoryArn(), reference);
        if (image.isEmpty()) {
            return RegistryErrors.of(404, "MANIFEST_UNKNOWN", "Requested image not found");
        }
        byte[] manifest = images.manifest(image.get());
        Response.ResponseBuilder answer = Response.ok().type(image.get().imageManifestMediaType())
                .header(DIGEST_HEADER, image.get().imageDigest())
                .header(HttpHeaders.CONTENT_LENGTH, manifest.length);
        return (withBody ? answer.entity(manifest) : answer).build();
    }

    private Response blob(Call call, boolean withBody) {
        RepositoryState repository = repository(call);
        String digest = call.path().reference();
        Optional<Long> size = BlobStore.isDigest(digest) ? blobs.size(repository.repositoryArn(), digest)
                : Optional.empty();
        if (size.isEmpty()) {
            return RegistryErrors.of(404, "BLOB_UNKNOWN", "The blob " + digest + " is not in the repository "
                    + repository.repositoryName() + ".");
        }
        if (!withBody) {
            blobs.touch(repository.repositoryArn(), digest);
            return Response.ok().type(MediaType.APPLICATION_OCTET_STREAM).header(DIGEST_HEADER, digest)
                    .header(HttpHeaders.CONTENT_LENGTH, size.get()).build();
        }
        java.nio.file.Path file = blobs.path(digest);
        String range = call.headers().getHeaderString("Range");
        Matcher matcher = range == null ? null : RANGE.matcher(range.trim());
        if (matcher != null && matcher.matches()) {
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? size.get() - 1 : Math.min(Long.parseLong(matcher.group(2)),
                    size.get() - 1);
            if (first > last) {
                return Response.status(416).header("Content-Range", "bytes */" + size.get()).build();
            }
            return Response.status(206).type(MediaType.APPLICATION_OCTET_STREAM).header(DIGEST_HEADER, digest)
                    .header("Content-Range", "bytes " + first + "-" + last + "/" + size.get())
                    .header("Accept-Ranges", "bytes").entity(new PathPart(file, first, last - first + 1)).build();
        }
        return Response.ok(new PathPart(file, 0, size.get()), MediaType.APPLICATION_OCTET_STREAM)
                .header(DIGEST_HEADER, digest).header("Accept-Ranges", "bytes").build();
    }

    private Response tags(Call call) {
        RepositoryState repository = repository(call);
        int n = limit(call.query("n"));
        List<String> tags = queries.tags(repository.repositoryArn(), call.query("last"), n + 1);
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("name", repository.repositoryName());
        ArrayNode list = body.putArray("tags");
        tags.stream().limit(n).forEach(list::add);
        Response.ResponseBuilder answer = Response.ok(body.toString(), MediaType.APPLICATION_JSON);
        if (n > 0 && tags.size() > n) {
            answer.header("Link", "</v2/" + repository.repositoryName() + "/tags/list?n=" + n + "&last="
                    + tags.get(n - 1) + ">; rel=\"next\"");
        }
        return answer.build();
    }

    private Response catalog(Call call) {
        int n = limit(call.query("n"));
        List<String> names = queries.names(call.caller(), call.query("last"), n + 1);
        ObjectNode body = EventJson.mapper().createObjectNode();
        ArrayNode list = body.putArray("repositories");
        names.stream().limit(n).forEach(list::add);
        Response.ResponseBuilder answer = Response.ok(body.toString(), MediaType.APPLICATION_JSON);
        if (n > 0 && names.size() > n) {
            answer.header("Link", "</v2/_catalog?n=" + n + "&last=" + names.get(n - 1) + ">; rel=\"next\"");
        }
        return answer.build();
    }

    /** A page size {@code n}: absent is everything (bounded), 0 an empty page. */
    private static int limit(String n) {
        try {
            return n == null ? 10_000 : Math.max(0, Math.min(10_000, Integer.parseInt(n)));
        } catch (NumberFormatException e) {
            throw new BlobException("PAGINATION_NUMBER_INVALID", 400, "n must be a number, not '" + n + "'.");
        }
    }

    private RepositoryState repository(Call call) {
        return queries.require(call.caller(), call.path().name());
    }

    private static Response.ResponseBuilder uploadAnswer(Response.ResponseBuilder builder, String name, Upload upload) {
        return builder.header("Location", "/v2/" + name + "/blobs/uploads/" + upload.id())
                .header("Docker-Upload-UUID", upload.id().toString())
                .header("Range", "0-" + Math.max(0, upload.size() - 1));
    }

    private static Response created(String name, String digest) {
        return Response.status(201).header("Location", "/v2/" + name + "/blobs/" + digest)
                .header(DIGEST_HEADER, digest).build();
    }

    private static Response notAllowed(String method, RegistryPath path) {
        return RegistryErrors.of(405, "UNSUPPORTED", method + " is not supported on this resource ("
                + path.kind().name().toLowerCase(java.util.Locale.ROOT) + ").");
    }
}
