package io.berth.registry.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventJson;
import io.berth.registry.EcrErrors;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ECR lifecycle policy: rules that expire images by count or age, applied in priority order.
 * {@link #parse} checks a policy text as ECR does; {@link #expire} is what it does to a repository.
 */
public record LifecyclePolicy(List<Rule> rules) {

    public static final int MIN_LENGTH = 100;
    public static final int MAX_LENGTH = 30_720;
    private static final Set<String> TAG_STATUSES = Set.of("tagged", "untagged", "any");

    /** One rule: which images it selects, and how many or how old of them it keeps. */
    public record Rule(int rulePriority, String description, String tagStatus, List<String> tagPrefixList,
            List<String> tagPatternList, String countType, int countNumber) {

        /** Whether the rule's tag criteria select the image (counted, and expired if it is beyond the limit). */
        boolean selects(Image image) {
            return switch (tagStatus) {
                case "untagged" -> image.tags().isEmpty();
                case "any" -> true;
                default -> !image.tags().isEmpty()
                        && tagPrefixList.stream().allMatch(p -> image.tags().stream().anyMatch(t -> t.startsWith(p)))
                        && tagPatternList.stream().allMatch(p -> image.tags().stream()
                                .anyMatch(t -> Wildcards.matches(p, t)));
            };
        }
    }

    /** What the policy sees of an image. */
    public record Image(String digest, List<String> tags, Instant pushedAt) {
    }

    /** An image the policy expires, and the priority of the rule that expires it. */
    public record Expiry(Image image, int rulePriority) {
    }

    /** Parses and checks a policy text; InvalidParameterException saying what is wrong otherwise. */
    public static LifecyclePolicy parse(String text) {
        if (text == null || text.isEmpty()) {
            throw EcrErrors.missing("lifecyclePolicyText");
        }
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            throw EcrErrors.invalidParameter("lifecyclePolicyText", "Member must have length between " + MIN_LENGTH
                    + " and " + MAX_LENGTH);
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw EcrErrors.lifecycleValidation("Could not map policyString into LifecyclePolicy.");
        }
        if (json == null || !json.isObject()) {
            throw EcrErrors.lifecycleValidation("Could not map policyString into LifecyclePolicy.");
        }
        if (!json.has("rules")) {
            throw EcrErrors.lifecycleValidation("object has missing required properties ([\"rules\"])");
        }
        if (!json.path("rules").isArray() || json.path("rules").isEmpty()) {
            throw EcrErrors.lifecycleValidation("rules must be a list of at least one rule");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : json.path("rules")) {
            rules.add(rule(rule));
        }
        checkAcrossRules(rules);
        rules.sort(Comparator.comparingInt(Rule::rulePriority));
        return new LifecyclePolicy(List.copyOf(rules));
    }

    private static Rule rule(JsonNode rule) {
        if (!rule.isObject()) {
            throw EcrErrors.lifecycleValidation("every rule must be an object");
        }
        List<String> missing = new ArrayList<>();
        for (String member : List.of("action", "rulePriority", "selection")) {
            if (!rule.has(member)) {
                missing.add("\"" + member + "\"");
            }
        }
        if (!missing.isEmpty()) {
            throw EcrErrors.lifecycleValidation("object has missing required properties (" + missing + ")");
        }
        JsonNode priority = rule.path("rulePriority");
        if (!priority.canConvertToInt() || !priority.isIntegralNumber() || priority.asInt() < 1) {
            throw EcrErrors.lifecycleValidation("rulePriority must be an integer of at least 1");
        }
        if (!"expire".equals(rule.path("action").path("type").asText())) {
            throw EcrErrors.lifecycleValidation("action.type must be expire");
        }
        JsonNode selection = rule.path("selection");
        String tagStatus = selection.path("tagStatus").asText("");
        if (!TAG_STATUSES.contains(tagStatus)) {
            throw EcrErrors.lifecycleValidation("selection.tagStatus must be one of tagged, untagged, any");
        }
        List<String> prefixes = strings(selection, "tagPrefixList");
        List<String> patterns = strings(selection, "tagPatternList");
        if ("tagged".equals(tagStatus) && prefixes.isEmpty() && patterns.isEmpty()) {
            throw EcrErrors.lifecycleValidation("tagPrefixList or tagPatternList is required when tagStatus is"
                    + " tagged");
        }
        if (!"tagged".equals(tagStatus) && (!prefixes.isEmpty() || !patterns.isEmpty())) {
            throw EcrErrors.lifecycleValidation("tagPrefixList and tagPatternList are only allowed when tagStatus is"
                    + " tagged");
        }
        if (!prefixes.isEmpty() && !patterns.isEmpty()) {
            throw EcrErrors.lifecycleValidation("a rule can have tagPrefixList or tagPatternList, not both");
        }
        if (patterns.stream().anyMatch(p -> Wildcards.count(p) > 4)) {
            throw EcrErrors.lifecycleValidation("a tagPatternList entry can have at most 4 wildcards (*)");
        }
        String countType = selection.path("countType").asText("");
        if (!"imageCountMoreThan".equals(countType) && !"sinceImagePushed".equals(countType)) {
            throw EcrErrors.lifecycleValidation("selection.countType must be imageCountMoreThan or sinceImagePushed");
        }
        JsonNode count = selection.path("countNumber");
        if (!count.isIntegralNumber() || !count.canConvertToInt() || count.asInt() < 1) {
            throw EcrErrors.lifecycleValidation("selection.countNumber must be an integer of at least 1");
        }
        boolean hasUnit = selection.has("countUnit");
        if ("sinceImagePushed".equals(countType) && !"days".equals(selection.path("countUnit").asText())) {
            throw EcrErrors.lifecycleValidation("selection.countUnit must be days when countType is sinceImagePushed");
        }
        if ("imageCountMoreThan".equals(countType) && hasUnit) {
            throw EcrErrors.lifecycleValidation("selection.countUnit is only allowed when countType is"
                    + " sinceImagePushed");
        }
        return new Rule(priority.asInt(), rule.path("description").asText(null), tagStatus, prefixes, patterns,
                countType, count.asInt());
    }

    private static List<String> strings(JsonNode selection, String member) {
        JsonNode list = selection.path(member);
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        if (list.isArray()) {
            for (JsonNode item : list) {
                if (item.isTextual() && !item.asText().isEmpty()) {
                    strings.add(item.asText());
                    continue;
                }
                throw EcrErrors.lifecycleValidation("selection." + member + " must be a list of non-empty strings");
            }
            return strings;
        }
        throw EcrErrors.lifecycleValidation("selection." + member + " must be a list of non-empty strings");
    }

    private static void checkAcrossRules(List<Rule> rules) {
        Set<Integer> priorities = new HashSet<>();
        for (Rule rule : rules) {
            if (!priorities.add(rule.rulePriority())) {
                throw EcrErrors.lifecycleValidation("rulePriority " + rule.rulePriority() + " is used by more than"
                        + " one rule");
            }
        }
        int highest = rules.stream().mapToInt(Rule::rulePriority).max().orElse(0);
        for (Rule rule : rules) {
            if ("any".equals(rule.tagStatus()) && rule.rulePriority() != highest) {
                throw EcrErrors.lifecycleValidation("a rule with tagStatus any must have the highest rulePriority");
            }
        }
        if (rules.stream().filter(rule -> "untagged".equals(rule.tagStatus())).count() > 1) {
            throw EcrErrors.lifecycleValidation("only one rule can select untagged images");
        }
        Set<String> prefixes = new HashSet<>();
        for (Rule rule : rules) {
            for (String prefix : rule.tagPrefixList()) {
                if (!prefixes.add(prefix)) {
                    throw EcrErrors.lifecycleValidation("tag prefix '" + prefix + "' is used by more than one rule");
                }
            }
        }
    }

    /**
     * The images the policy expires at {@code now}, oldest first. Every rule sees every image, in
     * priority order; an image is expired by at most one rule, and one that a higher-priority rule
     * selects is never expired by a lower one, though the lower one still counts it.
     */
    public List<Expiry> expire(List<Image> images, Instant now) {
        Map<String, Expiry> expired = new LinkedHashMap<>();
        Set<String> selectedByHigher = new HashSet<>();
        for (Rule rule : rules) {
            List<Image> selected = images.stream().filter(rule::selects)
                    .sorted(Comparator.comparing(Image::pushedAt).reversed()).toList();
            List<Image> beyond = "imageCountMoreThan".equals(rule.countType())
                    ? selected.subList(Math.min(rule.countNumber(), selected.size()), selected.size())
                    : selected.stream().filter(image -> image.pushedAt()
                            .isBefore(now.minus(Duration.ofDays(rule.countNumber())))).toList();
            for (Image image : beyond) {
                if (!selectedByHigher.contains(image.digest())) {
                    expired.putIfAbsent(image.digest(), new Expiry(image, rule.rulePriority()));
                }
            }
            selected.forEach(image -> selectedByHigher.add(image.digest()));
        }
        return expired.values().stream().sorted(Comparator.comparing(e -> e.image().pushedAt())).toList();
    }
}
