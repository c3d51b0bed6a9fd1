package io.berth.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.registry.lifecycle.LifecyclePolicy.Image;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lifecycle policies as ECR checks and applies them (Amazon ECR User Guide, lifecycle policies). */
class LifecyclePolicyTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    static String rule(int priority, String selection) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"rule " + priority + "\",\"selection\":{"
                + selection + "},\"action\":{\"type\":\"expire\"}}";
    }

    static LifecyclePolicy policy(String... rules) {
        return LifecyclePolicy.parse("{\"rules\":[" + String.join(",", rules) + "]}");
    }

    static Image image(String digest, int ageDays, String... tags) {
        return new Image(digest, List.of(tags), T0.minus(Duration.ofDays(ageDays)));
    }

    @Test
    void countRulesKeepTheNewestImagesTheySelect() {
        LifecyclePolicy policy = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],"
                + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
        List<Image> images = List.of(image("a", 3, "prod-1"), image("b", 2, "prod-2"), image("c", 1, "dev-3"),
                image("d", 0));
        assertThat(policy.expire(images, T0)).extracting(e -> e.image().digest()).containsExactly("a");
    }

    @Test
    void anImageSelectedByAHigherRuleIsNeverExpiredByALowerOneThoughItIsCounted() {
        LifecyclePolicy policy = policy(
                rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\","
                        + "\"countNumber\":5"),
                rule(2, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
        List<Image> images = List.of(image("old-prod", 5, "prod-1"), image("old-dev", 4, "dev-1"),
                image("new-prod", 1, "prod-2"));
        // Rule 2 keeps only the newest image (new-prod) and would expire the other two, but rule 1 selects old-prod.
        assertThat(policy.expire(images, T0)).extracting(e -> e.image().digest(), LifecyclePolicy.Expiry::rulePriority)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old-dev", 2));
    }

    @Test
    void ageRulesExpireImagesPushedMoreThanTheirDaysAgo() {
        LifecyclePolicy policy = policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
                + "\"countUnit\":\"days\",\"countNumber\":14"));
        assertThat(policy.expire(List.of(image("a", 15), image("b", 13), image("c", 20, "v1")), T0))
                .extracting(e -> e.image().digest()).containsExactly("a");
    }

    @Test
    void everyPrefixAndPatternOfARuleMustMatchOneOfTheImageTags() {
        LifecyclePolicy prefixes = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\",\"v\"],"
                + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
        List<Image> images = List.of(image("a", 3, "prod", "v1"), image("b", 2, "prod"), image("c", 1, "prod", "v2"));
        assertThat(prefixes.expire(images, T0)).extracting(e -> e.image().digest()).containsExactly("a");
        LifecyclePolicy patterns = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*-rc*\"],"
                + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
        assertThat(patterns.expire(List.of(image("a", 3, "1.0-rc1"), image("b", 2, "1.0")), T0)).isEmpty();
        assertThat(patterns.expire(List.of(image("a", 3, "1.0-rc1"), image("b", 2, "1.1-rc2")), T0))
                .extracting(e -> e.image().digest()).containsExactly("a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"rulez\":[]}                                                                    | object has missing required properties ([\"rules\"])",
        "not json at all, but long enough to pass the length check of one hundred characters, which it must pass first | Could not map policyString into LifecyclePolicy.",
        "{\"rules\":[RULE1,RULE1]}                                                         | rulePriority 1 is used by more than one rule",
        "{\"rules\":[ANY1,UNTAGGED2]}                                                      | a rule with tagStatus any must have the highest rulePriority",
        "{\"rules\":[TAGGED_NO_LIST]}                                                      | tagPrefixList or tagPatternList is required when tagStatus is tagged",
        "{\"rules\":[DAYS_NO_UNIT]}                                                        | selection.countUnit must be days when countType is sinceImagePushed",
        "{\"rules\":[COUNT_ZERO]}                                                          | selection.countNumber must be an integer of at least 1",
        "{\"rules\":[ARCHIVE]}                                                             | action.type must be expire",
        "{\"rules\":[WILD]}                                                                | a tagPatternList entry can have at most 4 wildcards (*)",
    })
    void aPolicyEcrRefusesIsAnInvalidParameterSayingWhy(String template, String reason) {
        String text = template.trim()
                .replace("RULE1", rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"))
                .replace("ANY1", rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"))
                .replace("UNTAGGED2", rule(2, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"))
                .replace("TAGGED_NO_LIST", rule(1, "\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"))
                .replace("DAYS_NO_UNIT", rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countNumber\":1"))
                .replace("COUNT_ZERO", rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0"))
                .replace("ARCHIVE", rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1").replace("expire", "archive"))
                .replace("WILD", rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*a*b*c*d*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
        String padded = text.length() < LifecyclePolicy.MIN_LENGTH && text.startsWith("{")
                ? text.substring(0, text.length() - 1) + ",\"pad\":\"" + "x".repeat(LifecyclePolicy.MIN_LENGTH) + "\"}"
                : text;
        assertThatThrownBy(() -> LifecyclePolicy.parse(padded)).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidParameterException");
            assertThat(e.getMessage()).isEqualTo("Invalid parameter at 'LifecyclePolicyText' failed to satisfy"
                    + " constraint: 'Lifecycle policy validation failure: " + reason.trim() + "'");
        });
    }

    @Test
    void aPolicyTextOutsideEcrsLengthsIsRefused() {
        assertThatThrownBy(() -> LifecyclePolicy.parse("{\"rules\":[]}")).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.getMessage()).contains("lifecyclePolicyText").contains("between 100 and 30720"));
    }
}
