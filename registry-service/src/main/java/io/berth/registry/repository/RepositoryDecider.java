package io.berth.registry.repository;

import io.berth.ecs.Tags;
import io.berth.events.RegistryEvent;
import io.berth.events.RegistryEvent.ExpiredImage;
import io.berth.events.RegistryEvent.ImageDeleted;
import io.berth.events.RegistryEvent.ImagePushed;
import io.berth.events.RegistryEvent.ImageScanCompleted;
import io.berth.events.RegistryEvent.ImageScanningConfigurationChanged;
import io.berth.events.RegistryEvent.ImageTagMutabilityChanged;
import io.berth.events.RegistryEvent.ImageTagged;
import io.berth.events.RegistryEvent.ImageUntagged;
import io.berth.events.RegistryEvent.LifecyclePolicyApplied;
import io.berth.events.RegistryEvent.LifecyclePolicyChanged;
import io.berth.events.RegistryEvent.RepositoryCreated;
import io.berth.events.RegistryEvent.RepositoryDeleted;
import io.berth.events.RegistryEvent.RepositoryPolicyChanged;
import io.berth.events.RegistryEvent.RepositoryTagsChanged;
import io.berth.eventsourcing.Decider;
import io.berth.registry.EcrErrors;
import io.berth.registry.lifecycle.LifecyclePolicy;
import io.berth.registry.repository.RepositoryCommand.ApplyLifecyclePolicy;
import io.berth.registry.repository.RepositoryCommand.CreateRepository;
import io.berth.registry.repository.RepositoryCommand.DeleteImages;
import io.berth.registry.repository.RepositoryCommand.DeleteRepository;
import io.berth.registry.repository.RepositoryCommand.PushImage;
import io.berth.registry.repository.RepositoryCommand.PutImageScanningConfiguration;
import io.berth.registry.repository.RepositoryCommand.PutImageTagMutability;
import io.berth.registry.repository.RepositoryCommand.PutLifecyclePolicy;
import io.berth.registry.repository.RepositoryCommand.SetRepositoryPolicy;
import io.berth.registry.repository.RepositoryCommand.TagRepository;
import io.berth.registry.repository.RepositoryCommand.UntagRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The repository aggregate: its settings, policies and images. Tags are unique within a
 * repository, so images are decided here; the lifecycle policy runs on the state a command leaves.
 */
public final class RepositoryDecider implements Decider<RepositoryCommand, RegistryEvent, RepositoryState> {

    @Override
    public RepositoryState initialState() {
        return RepositoryState.NONE;
    }

    @Override
    public List<RegistryEvent> decide(RepositoryCommand command, RepositoryState state) {
        String arn = command.repositoryArn();
        if (command instanceof CreateRepository create) {
            if (state.exists()) {
                throw EcrErrors.repositoryAlreadyExists(create.repositoryName(), create.registryId());
            }
            return List.of(new RepositoryCreated(arn, create.registryId(), create.repositoryName(),
                    create.imageTagMutability(), create.imageTagMutabilityExclusionFilters(), create.scanOnPush(),
                    create.encryptionType(), create.kmsKey(), create.tags(), create.at()));
        }
        if (command instanceof ApplyLifecyclePolicy apply) {
            return state.exists() ? lifecycle(state, List.of(), apply.at(), false) : List.of();
        }
        if (!state.exists()) {
            RepositoryNames.Named named = RepositoryNames.parseArn(arn).orElseThrow();
            throw EcrErrors.repositoryNotFound(named.name(), named.caller().account());
        }
        if (command instanceof DeleteRepository delete) {
            if (!state.images().isEmpty() && !delete.force()) {
                throw EcrErrors.repositoryNotEmpty(state.repositoryName(), state.registryId());
            }
            return List.of(new RepositoryDeleted(arn, state.repositoryName(), List.copyOf(state.images().keySet())));
        }
        if (command instanceof TagRepository tag) {
            return List.of(new RepositoryTagsChanged(arn, EcrTags.merge(state.tags(), tag.tags())));
        }
        if (command instanceof UntagRepository untag) {
            return List.of(new RepositoryTagsChanged(arn, Tags.remove(state.tags(), untag.tagKeys())));
        }
        if (command instanceof PutImageTagMutability mutability) {
            return List.of(new ImageTagMutabilityChanged(arn, mutability.imageTagMutability(),
                    mutability.imageTagMutabilityExclusionFilters()));
        }
        if (command instanceof PutImageScanningConfiguration scanning) {
            return List.of(new ImageScanningConfigurationChanged(arn, scanning.scanOnPush()));
        }
        if (command instanceof SetRepositoryPolicy policy) {
            if (policy.policyText() == null && state.policyText() == null) {
                throw EcrErrors.repositoryPolicyNotFound(state.repositoryName(), state.registryId());
            }
            return List.of(new RepositoryPolicyChanged(arn, policy.policyText()));
        }
        if (command instanceof PutLifecyclePolicy lifecycle) {
            if (lifecycle.lifecyclePolicyText() == null) {
                if (state.lifecyclePolicyText() == null) {
                    throw EcrErrors.lifecyclePolicyNotFound(state.repositoryName(), state.registryId());
                }
                return List.of(new LifecyclePolicyChanged(arn, null));
            }
            List<RegistryEvent> events = new ArrayList<>();
            events.add(new LifecyclePolicyChanged(arn, lifecycle.lifecyclePolicyText()));
            return lifecycle(fold(state, events), events, lifecycle.at(), true);
        }
        if (command instanceof PushImage push) {
            return lifecycle(state, push(push, state), push.at(), false);
        }
        if (command instanceof DeleteImages delete) {
            return ImageDeletions.plan(state, delete.imageIds()).events();
        }
        throw new IllegalArgumentException("Unknown repository command " + command);
    }

    private static List<RegistryEvent> push(PushImage push, RepositoryState state) {
        String arn = push.repositoryArn();
        String digest = push.imageDigest();
        String tag = push.imageTag();
        boolean known = state.image(digest).isPresent();
        ImagePushed pushed = new ImagePushed(arn, state.repositoryName(), digest, tag,
                push.imageManifestMediaType(), push.artifactMediaType(), push.imageSizeInBytes(), push.references(),
                push.at());
        if (tag == null) {
            if (known && !push.viaRegistry()) {
                throw EcrErrors.imageAlreadyExists(digest, null, state.repositoryName(), state.registryId());
            }
            return known ? List.of() : List.of(pushed);
        }
        String holder = state.tagged(tag).map(ImageState::imageDigest).orElse(null);
        if (holder != null && state.isImmutable(tag)) {
            if (digest.equals(holder) && !push.viaRegistry()) {
                throw EcrErrors.imageAlreadyExists(digest, tag, state.repositoryName(), state.registryId());
            }
            throw EcrErrors.imageTagAlreadyExists(tag, state.repositoryName(),
                    state.imageTagMutability().startsWith("IMMUTABLE"));
        }
        if (digest.equals(holder)) {
            if (!push.viaRegistry()) {
                throw EcrErrors.imageAlreadyExists(digest, tag, state.repositoryName(), state.registryId());
            }
            return List.of();
        }
        return List.of(known ? new ImageTagged(arn, digest, tag, holder) : pushed);
    }

    /**
     * {@code events} followed by the lifecycle policy's run on the state they leave: a
     * LifecyclePolicyApplied when it expires images, or when {@code always} (a new policy runs at once).
     */
    private List<RegistryEvent> lifecycle(RepositoryState before, List<RegistryEvent> events, Instant at,
            boolean always) {
        RepositoryState after = fold(before, events);
        if (after.lifecyclePolicyText() == null) {
            return events;
        }
        List<LifecyclePolicy.Image> images = after.imagesInPushOrder().stream()
                .map(image -> new LifecyclePolicy.Image(image.imageDigest(), image.imageTags(), image.pushedAt()))
                .toList();
        List<ExpiredImage> expired = LifecyclePolicy.parse(after.lifecyclePolicyText()).expire(images, at).stream()
                .map(e -> new ExpiredImage(e.image().digest(), e.image().tags(), e.rulePriority())).toList();
        if (expired.isEmpty() && !always) {
            return events;
        }
        List<RegistryEvent> all = new ArrayList<>(events);
        all.add(new LifecyclePolicyApplied(before.repositoryArn(), at, expired));
        return all;
    }

    @Override
    public RepositoryState evolve(RepositoryState state, RegistryEvent event) {
        if (event instanceof RepositoryCreated created) {
            return new RepositoryState(created.repositoryArn(), created.registryId(), created.repositoryName(),
                    created.createdAt(), created.imageTagMutability(), created.imageTagMutabilityExclusionFilters(),
                    created.scanOnPush(), created.encryptionType(), created.kmsKey(),
                    created.tags() == null ? List.of() : created.tags(), null, null, null, Map.of());
        }
        if (event instanceof RepositoryDeleted) {
            return RepositoryState.NONE;
        }
        if (event instanceof RepositoryTagsChanged tags) {
            return new RepositoryState(state.repositoryArn(), state.registryId(), state.repositoryName(),
                    state.createdAt(), state.imageTagMutability(), state.imageTagMutabilityExclusionFilters(),
                    state.scanOnPush(), state.encryptionType(), state.kmsKey(), tags.tags(), state.policyText(),
                    state.lifecyclePolicyText(), state.lifecycleEvaluatedAt(), state.images());
        }
        if (event instanceof ImageTagMutabilityChanged mutability) {
            return new RepositoryState(state.repositoryArn(), state.registryId(), state.repositoryName(),
                    state.createdAt(), mutability.imageTagMutability(), mutability.imageTagMutabilityExclusionFilters(),
                    state.scanOnPush(), state.encryptionType(), state.kmsKey(), state.tags(), state.policyText(),
                    state.lifecyclePolicyText(), state.lifecycleEvaluatedAt(), state.images());
        }
        if (event instanceof ImageScanningConfigurationChanged scanning) {
            return new RepositoryState(state.repositoryArn(), state.registryId(), state.repositoryName(),
                    state.createdAt(), state.imageTagMutability(), state.imageTagMutabilityExclusionFilters(),
                    scanning.scanOnPush(), state.encryptionType(), state.kmsKey(), state.tags(), state.policyText(),
                    state.lifecyclePolicyText(), state.lifecycleEvaluatedAt(), state.images());
        }
        if (event instanceof RepositoryPolicyChanged policy) {
            return new RepositoryState(state.repositoryArn(), state.registryId(), state.repositoryName(),
                    state.createdAt(), state.imageTagMutability(), state.imageTagMutabilityExclusionFilters(),
                    state.scanOnPush(), state.encryptionType(), state.kmsKey(), state.tags(), policy.policyText(),
                    state.lifecyclePolicyText(), state.lifecycleEvaluatedAt(), state.images());
        }
        if (event instanceof LifecyclePolicyChanged lifecycle) {
            return new RepositoryState(state.repositoryArn(), state.registryId(), state.repositoryName(),
                    state.createdAt(), state.imageTagMutability(), state.imageTagMutabilityExclusionFilters(),
                    state.scanOnPush(), state.encryptionType(), state.kmsKey(), state.tags(), state.policyText(),
                    lifecycle.lifecyclePolicyText(), lifecycle.lifecyclePolicyText() == null ? null
                            : state.lifecycleEvaluatedAt(), state.images());
        }
        if (event instanceof LifecyclePolicyApplied applied) {
            Map<String, ImageState> images = RepositoryState.copy(state.images());
            applied.expired().forEach(expired -> images.remove(expired.imageDigest()));
            return new RepositoryState(state.repositoryArn(), state.registryId(), state.repositoryName(),
                    state.createdAt(), state.imageTagMutability(), state.imageTagMutabilityExclusionFilters(),
                    state.scanOnPush(), state.encryptionType(), state.kmsKey(), state.tags(), state.policyText(),
                    state.lifecyclePolicyText(), applied.evaluatedAt(), java.util.Collections.unmodifiableMap(images));
        }
        if (event instanceof ImagePushed pushed) {
            Map<String, ImageState> images = withoutTag(state.images(), pushed.imageTag());
            images.put(pushed.imageDigest(), new ImageState(pushed.imageDigest(),
                    pushed.imageTag() == null ? List.of() : List.of(pushed.imageTag()),
                    pushed.imageManifestMediaType(), pushed.artifactMediaType(), pushed.imageSizeInBytes(),
                    pushed.references(), pushed.pushedAt()));
            return state.with(images);
        }
        if (event instanceof ImageTagged tagged) {
            Map<String, ImageState> images = withoutTag(state.images(), tagged.imageTag());
            ImageState image = images.get(tagged.imageDigest());
            List<String> tags = new ArrayList<>(image.imageTags());
            tags.add(tagged.imageTag());
            images.put(tagged.imageDigest(), image.withTags(tags));
            return state.with(images);
        }
        if (event instanceof ImageUntagged untagged) {
            return state.with(withoutTag(state.images(), untagged.imageTag()));
        }
        if (event instanceof ImageDeleted deleted) {
            Map<String, ImageState> images = RepositoryState.copy(state.images());
            images.remove(deleted.imageDigest());
            return state.with(images);
        }
        if (event instanceof ImageScanCompleted) {
            return state;
        }
        throw new IllegalArgumentException("Unknown repository event " + event);
    }

    private static Map<String, ImageState> withoutTag(Map<String, ImageState> images, String tag) {
        Map<String, ImageState> copy = RepositoryState.copy(images);
        if (tag != null) {
            copy.replaceAll((digest, image) -> image.imageTags().contains(tag)
                    ? image.withTags(image.imageTags().stream().filter(t -> !t.equals(tag)).toList()) : image);
        }
        return copy;
    }
}
