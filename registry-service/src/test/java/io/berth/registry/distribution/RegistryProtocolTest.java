package io.berth.registry.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventJson;
import io.berth.registry.TestImages;
import io.berth.registry.blob.BlobCollector;
import io.berth.registry.blob.BlobStore;
import io.berth.testsupport.EcsCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry (OCI Distribution) against the real database and broker: authentication as ECR
 * does it, pushes in chunks and in one request, pulls with ranges, digests verified, tags that may
 * not move, mounts, and a deleted repository's content collected.
 */
@QuarkusTest
class RegistryProtocolTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    BlobStore blobs;
    @Inject
    BlobCollector collector;

    EcsCalls ecr;
    RegistryClient registry;

    @BeforeEach
    void account() {
        ecr = EcsCalls.newAccount().ecr();
        String token = ecr.ok("GetAuthorizationToken", "{}").extract().path("authorizationData[0].authorizationToken");
        String credentials = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        assertThat(credentials).startsWith("AWS:");
        assertThat(credentials.substring(4)).doesNotContain(":");
        registry = new RegistryClient(base, credentials.substring(4));
    }

    @Test
    void aClientWithoutAValidTokenGetsEcrsBasicChallenge() {
        HttpResponse<byte[]> anonymous = new RegistryClient(base, null).send("GET", "/v2/", null,
                "Host", ecr.account() + ".dkr.ecr." + ecr.region() + ".amazonaws.com");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"https://"
                + ecr.account() + ".dkr.ecr." + ecr.region() + ".amazonaws.com/\",service=\"ecr.amazonaws.com\"");
        assertThat(anonymous.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
        assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(new RegistryClient(base, "forged.token").send("GET", "/v2/", null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> ok = registry.send("GET", "/v2/", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
        HttpResponse<byte[]> otherRegistry = registry.send("GET", "/v2/", null, "Host",
                "111111111111.dkr.ecr." + ecr.region() + ".amazonaws.com");
        assertThat(otherRegistry.statusCode()).isEqualTo(403);
    }

    @Test
    void anImagePushedInChunksIsPulledBackByteForByteAndDescribedByTheApi() throws Exception {
        ecr.ok("CreateRepository", "{\"repositoryName\":\"team/web\",\"imageScanningConfiguration\":"
                + "{\"scanOnPush\":true}}");
        TestImages.Image image = TestImages.alpineLike("one");
        HttpResponse<byte[]> pushed = registry.push("team/web", image, "1.0");
        RegistryClient.check(pushed, 201);
        assertThat(pushed.headers().firstValue("Docker-Content-Digest")).contains(image.digest());

        HttpResponse<byte[]> manifest = registry.send("GET", "/v2/team/web/manifests/1.0", null, "Accept",
                "application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.body()).isEqualTo(image.manifest());
        assertThat(manifest.headers().firstValue("Content-Type")).contains("application/vnd.oci.image.manifest.v1+json");
        HttpResponse<byte[]> head = registry.send("HEAD", "/v2/team/web/manifests/" + image.digest(), null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(image.manifest().length));
        TestImages.Blob layer = image.layers()[0];
        assertThat(registry.send("GET", "/v2/team/web/blobs/" + layer.digest(), null).body())
                .isEqualTo(layer.content());
        HttpResponse<byte[]> part = registry.send("GET", "/v2/team/web/blobs/" + layer.digest(), null, "Range",
                "bytes=10-19");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(layer.content(), 10, 20));

        JsonNode described = EventJson.mapper().readTree(ecr.ok("DescribeImages",
                "{\"repositoryName\":\"team/web\"}").extract().asString()).path("imageDetails").path(0);
        assertThat(described.path("imageDigest").asText()).isEqualTo(image.digest());
        assertThat(described.path("imageTags").toString()).isEqualTo("[\"1.0\"]");
        assertThat(described.path("imageSizeInBytes").asLong())
                .isEqualTo(image.config().content().length + layer.content().length);
        assertThat(described.path("imageManifestMediaType").asText())
                .isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(described.path("imageScanStatus").path("status").asText()).isEqualTo("COMPLETE");
        JsonNode findings = EventJson.mapper().readTree(ecr.ok("DescribeImageScanFindings",
                "{\"repositoryName\":\"team/web\",\"imageId\":{\"imageTag\":\"1.0\"}}").extract().asString());
        assertThat(findings.at("/imageScanFindings/findings").size()).isZero();
        assertThat(findings.at("/imageScanFindings/inventory").findValuesAsText("name"))
                .containsExactlyInAnyOrder("musl", "busybox");
        assertThat(findings.at("/imageScanStatus/description").asText())
                .contains("no vulnerability database").contains("2 packages");

        assertThat(new String(registry.send("GET", "/v2/team/web/tags/list", null).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"team/web\",\"tags\":[\"1.0\"]}");
        assertThat(new String(registry.send("GET", "/v2/_catalog", null).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"repositories\":[\"team/web\"]}");
    }

    @Test
    void contentThatDoesNotHashToItsDigestIsRefusedAndNothingIsStored() {
        ecr.ok("CreateRepository", "{\"repositoryName\":\"checked\"}");
        String wrong = TestImages.digest("something else".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> refused = registry.send("POST", "/v2/checked/blobs/uploads/?digest=" + wrong,
                "content".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("DIGEST_INVALID");
        assertThat(registry.send("HEAD", "/v2/checked/blobs/" + wrong, null).statusCode()).isEqualTo(404);
        assertThat(Files.exists(blobs.path(wrong))).isFalse();

        TestImages.Image image = TestImages.alpineLike("missing layers");
        HttpResponse<byte[]> manifest = registry.send("PUT", "/v2/checked/manifests/1", image.manifest(),
                "Content-Type", "application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.statusCode()).isEqualTo(400);
        assertThat(new String(manifest.body(), StandardCharsets.UTF_8)).contains("MANIFEST_BLOB_UNKNOWN");
        ecr.ok("ListImages", "{\"repositoryName\":\"checked\"}").body("imageIds.size()", equalTo(0));

        HttpResponse<byte[]> chunk = registry.send("POST", "/v2/checked/blobs/uploads/", null);
        String location = chunk.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> outOfOrder = registry.send("PATCH", location, new byte[] {1, 2, 3}, "Content-Range",
                "5-7");
        assertThat(outOfOrder.statusCode()).isEqualTo(416);
        assertThat(outOfOrder.headers().firstValue("Range")).contains("0-0");
    }

    @Test
    void anImmutableTagRefusesASecondPushWithEcrsMessage() {
        ecr.ok("CreateRepository", "{\"repositoryName\":\"frozen\",\"imageTagMutability\":\"IMMUTABLE\"}");
        RegistryClient.check(registry.push("frozen", TestImages.alpineLike("first"), "1.0"), 201);
        HttpResponse<byte[]> second = registry.push("frozen", TestImages.alpineLike("second"), "1.0");
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).contains("\"code\":\"TAG_INVALID\"")
                .contains("The image tag '1.0' already exists in the 'frozen' repository and cannot be overwritten"
                        + " because the repository is immutable.");
        ecr.ok("ListImages", "{\"repositoryName\":\"frozen\"}").body("imageIds.size()", equalTo(1));
    }

    @Test
    void aBlobIsMountedFromAnotherRepositoryOfTheRegistryAndStoredOnce() {
        ecr.ok("CreateRepository", "{\"repositoryName\":\"source\"}");
        ecr.ok("CreateRepository", "{\"repositoryName\":\"target\"}");
        TestImages.Image image = TestImages.alpineLike("shared");
        RegistryClient.check(registry.push("source", image, "1"), 201);
        String layer = image.layers()[0].digest();
        assertThat(registry.send("HEAD", "/v2/target/blobs/" + layer, null).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> mounted = registry.send("POST", "/v2/target/blobs/uploads/?mount=" + layer
                + "&from=source", null);
        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(registry.send("HEAD", "/v2/target/blobs/" + layer, null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> notThere = registry.send("POST", "/v2/target/blobs/uploads/?mount="
                + TestImages.digest(new byte[] {9}) + "&from=source", null);
        assertThat(notThere.statusCode()).isEqualTo(202);
    }

    @Test
    void aForcedRepositoryDeleteLeavesContentThatTheCollectorRemoves() {
        ecr.ok("CreateRepository", "{\"repositoryName\":\"doomed\"}");
        TestImages.Image image = TestImages.alpineLike("doomed " + ecr.account());
        RegistryClient.check(registry.push("doomed", image, "1"), 201);
        String layer = image.layers()[0].digest();
        assertThat(Files.exists(blobs.path(layer))).isTrue();
        ecr.error("DeleteRepository", "{\"repositoryName\":\"doomed\"}", "RepositoryNotEmptyException");
        collector.collect();
        assertThat(Files.exists(blobs.path(layer))).as("a blob an image uses is kept").isTrue();
        ecr.ok("DeleteRepository", "{\"repositoryName\":\"doomed\",\"force\":true}")
                .body("repository.repositoryName", equalTo("doomed"));
        collector.collect();
        assertThat(Files.exists(blobs.path(layer))).isFalse();
        assertThat(Files.exists(blobs.path(image.digest()))).isFalse();
        assertThat(registry.send("GET", "/v2/doomed/tags/list", null).statusCode()).isEqualTo(404);
    }
}
