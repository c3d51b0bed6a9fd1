package io.berth.registry.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.events.RegistryEvent;
import io.berth.events.RegistryEvent.ImageDeleted;
import io.berth.events.RegistryEvent.ImagePushed;
import io.berth.events.RegistryEvent.ImageTagged;
import io.berth.events.RegistryEvent.ImageUntagged;
import io.berth.events.RegistryEvent.LifecyclePolicyApplied;
import io.berth.events.RegistryEvent.LifecyclePolicyChanged;
import io.berth.events.RegistryEvent.RepositoryCreated;
import io.berth.events.RegistryEvent.RepositoryDeleted;
import io.berth.events.RegistryEvent.TagMutabilityFilter;
import io.berth.registry.lifecycle.LifecyclePolicy;
import io.berth.registry.repository.RepositoryCommand.ApplyLifecyclePolicy;
import io.berth.registry.repository.RepositoryCommand.CreateRepository;
import io.berth.registry.repository.RepositoryCommand.DeleteImages;
import io.berth.registry.repository.RepositoryCommand.DeleteRepository;
import io.berth.registry.repository.RepositoryCommand.ImageId;
import io.berth.registry.repository.RepositoryCommand.PushImage;
import io.berth.registry.repository.RepositoryCommand.PutLifecyclePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repository aggregate: given its events, a command decides new events or ECR's exact refusal. */
class RepositoryDeciderTest {

    static final String ARN = "arn:aws:ecr:us-east-1:123456789012:repository/team/web";
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);
    static final String INDEX = "sha256:" + "d".repeat(64);

    final RepositoryDecider decider = new RepositoryDecider();
    final List<RegistryEvent> history = new ArrayList<>();

    RepositoryDeciderTest given(RegistryEvent... events) {
        history.addAll(List.of(events));
        return this;
    }

    List<RegistryEvent> when(RepositoryCommand command) {
        return decider.decide(command, decider.fold(decider.initialState(), history));
    }

    void rejected(RepositoryCommand command, String code, String message) {
        assertThatThrownBy(() -> when(command)).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    static RepositoryCreated created(String mutability, TagMutabilityFilter... filters) {
        return new RepositoryCreated(ARN, "123456789012", "team/web", mutability, List.of(filters), false, "AES256",
                null, List.of(), T0);
    }

    static ImagePushed pushed(String digest, String tag, Instant at) {
        return new ImagePushed(ARN, "team/web", digest, tag, "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.config.v1+json", 100, List.of(), at);
    }

    static PushImage push(String digest, String tag, boolean viaRegistry) {
        return new PushImage(ARN, digest, tag, "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.config.v1+json", 100, List.of(), viaRegistry, T0);
    }

    @Test
    void aRepositoryIsCreatedOnceAndItsNameIsFreeAgainAfterItIsDeleted() {
        CreateRepository create = new CreateRepository(ARN, "123456789012", "team/web", "MUTABLE", List.of(), true,
                "AES256", null, List.of(), T0);
        assertThat(when(create)).containsExactly(new RepositoryCreated(ARN, "123456789012", "team/web", "MUTABLE",
                List.of(), true, "AES256", null, List.of(), T0));
        given(created("MUTABLE"));
        rejected(create, "RepositoryAlreadyExistsException",
                "The repository with name 'team/web' already exists in the registry with id '123456789012'");
        given(new RepositoryDeleted(ARN, "team/web", List.of()));
        assertThat(when(create)).hasSize(1);
    }

    @Test
    void aRepositoryWithImagesIsDeletedOnlyWithForceAndTakesItsImagesAlong() {
        given(created("MUTABLE"), pushed(A, "1", T0));
        rejected(new DeleteRepository(ARN, false), "RepositoryNotEmptyException", "The repository with name"
                + " 'team/web' in registry with id '123456789012' cannot be deleted because it still contains images");
        assertThat(when(new DeleteRepository(ARN, true)))
                .containsExactly(new RepositoryDeleted(ARN, "team/web", List.of(A)));
    }

    @Test
    void aCommandOnAMissingRepositoryIsRepositoryNotFound() {
        rejected(push(A, "1", true), "RepositoryNotFoundException",
                "The repository with name 'team/web' does not exist in the registry with id '123456789012'");
    }

    @Test
    void aMutableTagMovesToTheNewImageAndTheOldOneStaysUntagged() {
        given(created("MUTABLE"), pushed(A, "latest", T0));
        List<RegistryEvent> events = when(push(B, "latest", true));
        assertThat(events).containsExactly(new ImagePushed(ARN, "team/web", B, "latest",
                "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.config.v1+json", 100,
                List.of(), T0));
        RepositoryState after = decider.fold(decider.fold(decider.initialState(), history), events);
        assertThat(after.image(A).orElseThrow().imageTags()).isEmpty();
        assertThat(after.tagged("latest").orElseThrow().imageDigest()).isEqualTo(B);
    }

    @Test
    void anImmutableTagCannotMoveNorBePushedAgainThroughTheRegistry() {
        given(created("IMMUTABLE"), pushed(A, "1.0", T0));
        String refusal = "The image tag '1.0' already exists in the 'team/web' repository and cannot be overwritten"
                + " because the repository is immutable.";
        rejected(push(B, "1.0", true), "ImageTagAlreadyExistsException", refusal);
        rejected(push(A, "1.0", true), "ImageTagAlreadyExistsException", refusal);
        rejected(push(A, "1.0", false), "ImageAlreadyExistsException", "Image with digest '" + A + "' and tag '1.0'"
                + " already exists in the repository with name 'team/web' in registry with id '123456789012'");
        assertThat(when(push(A, "1.1", true))).containsExactly(new ImageTagged(ARN, A, "1.1", null));
    }

    @Test
    void exclusionFiltersTurnTheMutabilityOfTheTagsTheyMatch() {
        given(created("IMMUTABLE_WITH_EXCLUSION", new TagMutabilityFilter("WILDCARD", "latest*")),
                pushed(A, "latest", T0), pushed(B, "1.0", T0));
        assertThat(when(push(C, "latest", true))).hasSize(1);
        rejected(push(C, "1.0", true), "ImageTagAlreadyExistsException", "The image tag '1.0' already exists in the"
                + " 'team/web' repository and cannot be overwritten because the repository is immutable.");
        history.clear();
        given(created("MUTABLE_WITH_EXCLUSION", new TagMutabilityFilter("WILDCARD", "release-*")),
                pushed(A, "release-1", T0), pushed(B, "dev", T0));
        rejected(push(C, "release-1", true), "ImageTagAlreadyExistsException", "The image tag 'release-1' already"
                + " exists in the 'team/web' repository and cannot be overwritten because the tag is immutable.");
        assertThat(when(push(C, "dev", true))).hasSize(1);
    }

    @Test
    void pushingTheSameManifestAndTagAgainIsASuccessThroughTheRegistryAndAnErrorThroughPutImage() {
        given(created("MUTABLE"), pushed(A, "1", T0));
        assertThat(when(push(A, "1", true))).isEmpty();
        rejected(push(A, "1", false), "ImageAlreadyExistsException", "Image with digest '" + A + "' and tag '1'"
                + " already exists in the repository with name 'team/web' in registry with id '123456789012'");
        assertThat(when(push(A, null, true))).isEmpty();
    }

    @Test
    void deletingByTagRemovesTheTagAndTheLastTagTakesTheImage() {
        given(created("MUTABLE"), pushed(A, "1", T0), new ImageTagged(ARN, A, "stable", null), pushed(B, "2", T0));
        assertThat(when(new DeleteImages(ARN, List.of(new ImageId(null, "1"), new ImageId(null, "2")))))
                .containsExactly(new ImageUntagged(ARN, A, "1"), new ImageDeleted(ARN, B, List.of("2")));
        assertThat(when(new DeleteImages(ARN, List.of(new ImageId(A, null)))))
                .containsExactly(new ImageDeleted(ARN, A, List.of("1", "stable")));
    }

    @Test
    void batchDeleteReportsEachIdItCannotDeleteAsEcrDoes() {
        given(created("MUTABLE"), pushed(A, "1", T0),
                new ImagePushed(ARN, "team/web", INDEX, "multi", "application/vnd.oci.image.index.v1+json", null, 100,
                        List.of(A), T0));
        ImageDeletions.Plan plan = ImageDeletions.plan(decider.fold(decider.initialState(), history), List.of(
                new ImageId(null, null), new ImageId("nope", null), new ImageId(C, null), new ImageId(A, "2"),
                new ImageId(A, null)));
        assertThat(plan.events()).isEmpty();
        assertThat(plan.failures()).extracting(ImageDeletions.Failure::failureCode).containsExactly(
                "MissingDigestAndTag", "InvalidImageDigest", "ImageNotFound", "ImageTagDoesNotMatchDigest",
                "ImageReferencedByManifestList");
        assertThat(plan.failures().get(4).failureReason()).isEqualTo("Requested image referenced by manifest list: ["
                + INDEX + "]");
    }

    @Test
    void aLifecyclePolicyRunsWhenItIsPutAndAfterEachPush() {
        String text = policy("{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}");
        given(created("MUTABLE"), pushed(A, "1", T0), pushed(B, "2", T0.plusSeconds(1)), pushed(C, "3",
                T0.plusSeconds(2)));
        Instant now = T0.plusSeconds(10);
        assertThat(when(new PutLifecyclePolicy(ARN, text, LifecyclePolicy.parse(text), now))).containsExactly(
                new LifecyclePolicyChanged(ARN, text), new LifecyclePolicyApplied(ARN, now,
                        List.of(new RegistryEvent.ExpiredImage(A, List.of("1"), 1))));
        history.clear();
        given(created("MUTABLE"), new LifecyclePolicyChanged(ARN, text), pushed(A, "1", T0),
                pushed(B, "2", T0.plusSeconds(1)));
        PushImage third = new PushImage(ARN, C, "3", "application/vnd.oci.image.manifest.v1+json", null, 100,
                List.of(), true, T0.plusSeconds(2));
        assertThat(when(third)).hasSize(2).last().isEqualTo(new LifecyclePolicyApplied(ARN, T0.plusSeconds(2),
                List.of(new RegistryEvent.ExpiredImage(A, List.of("1"), 1))));
        assertThat(when(new ApplyLifecyclePolicy(ARN, T0.plusSeconds(3)))).isEmpty();
    }

    @Test
    void theTimerExpiresImagesOlderThanARuleAllows() {
        String text = policy("{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
                + "\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":7},\"action\":{\"type\":\"expire\"}}");
        given(created("MUTABLE"), new LifecyclePolicyChanged(ARN, text), pushed(A, null, T0), pushed(B, "kept", T0),
                pushed(C, null, T0.plus(Duration.ofDays(6))));
        Instant now = T0.plus(Duration.ofDays(8));
        assertThat(when(new ApplyLifecyclePolicy(ARN, now))).containsExactly(new LifecyclePolicyApplied(ARN, now,
                List.of(new RegistryEvent.ExpiredImage(A, List.of(), 1))));
    }

    static String policy(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }
}
