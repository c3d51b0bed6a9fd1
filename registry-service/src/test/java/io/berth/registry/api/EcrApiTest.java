package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.berth.testsupport.EcsCalls;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ECR operations as the gateway forwards them, against the real database and broker. */
@QuarkusTest
class EcrApiTest {

    EcsCalls ecr;

    @BeforeEach
    void account() {
        ecr = EcsCalls.newAccount().ecr();
    }

    @Test
    void aRepositoryIsCreatedDescribedAndDeletedAsEcrShowsIt() {
        String uri = ecr.account() + ".dkr.ecr." + ecr.region() + ".amazonaws.com/team-a/web";
        ecr.ok("CreateRepository", "{\"repositoryName\":\"team-a/web\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"encryptionConfiguration\":{\"encryptionType\":\"KMS\"},\"tags\":[{\"Key\":\"team\",\"Value\":\"a\"}]}")
                .body("repository.repositoryArn", equalTo("arn:aws:ecr:" + ecr.region() + ":" + ecr.account()
                        + ":repository/team-a/web"))
                .body("repository.repositoryUri", equalTo(uri))
                .body("repository.registryId", equalTo(ecr.account()))
                .body("repository.imageTagMutability", equalTo("IMMUTABLE"))
                .body("repository.imageScanningConfiguration.scanOnPush", equalTo(false))
                .body("repository.encryptionConfiguration.encryptionType", equalTo("KMS"))
                .body("repository.encryptionConfiguration.kmsKey", equalTo("arn:aws:kms:" + ecr.region() + ":"
                        + ecr.account() + ":alias/aws/ecr"))
                .body("repository.createdAt", notNullValue());
        ecr.error("CreateRepository", "{\"repositoryName\":\"team-a/web\"}", "RepositoryAlreadyExistsException")
                .body("message", equalTo("The repository with name 'team-a/web' already exists in the registry with"
                        + " id '" + ecr.account() + "'"));
        ecr.ok("ListTagsForResource", "{\"resourceArn\":\"arn:aws:ecr:" + ecr.region() + ":" + ecr.account()
                + ":repository/team-a/web\"}").body("tags[0].Key", equalTo("team"));
        ecr.ok("DescribeRepositories", "{\"repositoryNames\":[\"team-a/web\"]}")
                .body("repositories.repositoryUri", contains(uri));
        ecr.error("DescribeRepositories", "{\"repositoryNames\":[\"team-a/web\",\"nope\"]}",
                "RepositoryNotFoundException").body("message", equalTo("The repository with name 'nope' does not"
                        + " exist in the registry with id '" + ecr.account() + "'"));
        ecr.ok("DeleteRepository", "{\"repositoryName\":\"team-a/web\"}")
                .body("repository.repositoryName", equalTo("team-a/web"));
        ecr.ok("DescribeRepositories", "{}").body("repositories", hasSize(0));
    }

    @Test
    void badInputIsAnEcrErrorNamingTheMemberAndChangesNothing() {
        ecr.error("CreateRepository", "{\"repositoryName\":\"Upper/Case\"}", "InvalidParameterException")
                .body("message", equalTo("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must"
                        + " satisfy regular expression '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)"
                        + "[a-z0-9]+)*)*''"));
        ecr.error("CreateRepository", "{\"repositoryName\":\"web\",\"imageTagMutability\":\"SOMETIMES\"}",
                "InvalidParameterException");
        ecr.error("CreateRepository", "{\"repositoryName\":\"web\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"imageTagMutabilityExclusionFilters\":[{\"filterType\":\"WILDCARD\",\"filter\":\"latest\"}]}",
                "InvalidParameterException");
        ecr.error("CreateRepository", "{\"repositoryName\":\"web\",\"tags\":[{\"Key\":\"aws:x\",\"Value\":\"y\"}]}",
                "InvalidTagParameterException");
        ecr.error("CreateRepository", "{\"repositoryName\":\"web\",\"registryId\":\"111111111111\"}",
                "InvalidParameterException");
        ecr.error("CreateRepository", "{\"repositoryName\":7}", "SerializationException");
        ecr.ok("DescribeRepositories", "{}").body("repositories", hasSize(0));
        ecr.error("TagResource", "{\"resourceArn\":\"arn:aws:ecs:us-east-1:000000000000:cluster/x\",\"tags\":[]}",
                "InvalidParameterException").body("message", equalTo("Invalid parameter at 'resourceArn' failed to"
                        + " satisfy constraint: 'Invalid ARN'"));
    }

    @Test
    void policiesAreKeptAndReturnedAndTheirAbsenceIsEcrsNotFound() {
        ecr.ok("CreateRepository", "{\"repositoryName\":\"policies\"}");
        ecr.error("GetRepositoryPolicy", "{\"repositoryName\":\"policies\"}", "RepositoryPolicyNotFoundException");
        ecr.error("SetRepositoryPolicy", "{\"repositoryName\":\"policies\",\"policyText\":\"{}\"}",
                "InvalidParameterException").body("message", equalTo("Invalid parameter at 'PolicyText' failed to"
                        + " satisfy constraint: 'Invalid repository policy provided'"));
        String policy = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
                + "\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"ecr:BatchGetImage\\\"}]}";
        ecr.ok("SetRepositoryPolicy", "{\"repositoryName\":\"policies\",\"policyText\":\"" + policy + "\"}");
        ecr.ok("GetRepositoryPolicy", "{\"repositoryName\":\"policies\"}")
                .body("policyText", equalTo(policy.replace("\\\"", "\"")));
        ecr.ok("DeleteRepositoryPolicy", "{\"repositoryName\":\"policies\"}");
        ecr.error("DeleteRepositoryPolicy", "{\"repositoryName\":\"policies\"}", "RepositoryPolicyNotFoundException");

        ecr.error("GetLifecyclePolicy", "{\"repositoryName\":\"policies\"}", "LifecyclePolicyNotFoundException")
                .body("message", equalTo("Lifecycle policy does not exist for the repository with name 'policies'"
                        + " in the registry with id '" + ecr.account() + "'"));
        String lifecycle = "{\\\"rules\\\":[{\\\"rulePriority\\\":1,\\\"selection\\\":{\\\"tagStatus\\\":\\\"untagged\\\","
                + "\\\"countType\\\":\\\"sinceImagePushed\\\",\\\"countUnit\\\":\\\"days\\\",\\\"countNumber\\\":14},"
                + "\\\"action\\\":{\\\"type\\\":\\\"expire\\\"}}]}";
        ecr.ok("PutLifecyclePolicy", "{\"repositoryName\":\"policies\",\"lifecyclePolicyText\":\"" + lifecycle + "\"}");
        ecr.ok("GetLifecyclePolicy", "{\"repositoryName\":\"policies\"}")
                .body("lastEvaluatedAt", notNullValue());
        ecr.ok("StartLifecyclePolicyPreview", "{\"repositoryName\":\"policies\"}").body("status", equalTo("IN_PROGRESS"));
        ecr.ok("GetLifecyclePolicyPreview", "{\"repositoryName\":\"policies\"}").body("status", equalTo("COMPLETE"))
                .body("previewResults", hasSize(0)).body("summary.expiringImageTotalCount", equalTo(0));
        ecr.ok("DeleteLifecyclePolicy", "{\"repositoryName\":\"policies\"}");
        ecr.error("GetLifecyclePolicy", "{\"repositoryName\":\"policies\"}", "LifecyclePolicyNotFoundException");
    }

    @Test
    void anAuthorizationTokenIsTwelveHoursForTheCallersRegistry() throws Exception {
        var answer = ecr.ok("GetAuthorizationToken", "{}")
                .body("authorizationData", hasSize(1))
                .body("authorizationData[0].proxyEndpoint", equalTo("https://" + ecr.account() + ".dkr.ecr."
                        + ecr.region() + ".amazonaws.com"))
                .extract();
        // Read as JSON numbers are: a float would lose the seconds of an epoch timestamp.
        double expiresAt = io.berth.events.EventJson.mapper().readTree(answer.asString())
                .at("/authorizationData/0/expiresAt").asDouble();
        assertThat(expiresAt - System.currentTimeMillis() / 1000.0).isBetween(12 * 3600 - 60.0, 12 * 3600 + 1.0);
        ecr.error("GetAuthorizationToken", "{\"registryIds\":[\"111111111111\"]}", "InvalidParameterException");
        ecr.ok("DescribeRegistry", "{}").body("registryId", equalTo(ecr.account()))
                .body("replicationConfiguration.rules", hasSize(0));
        ecr.error("ListImages", "{\"repositoryName\":\"ghost\"}", "RepositoryNotFoundException")
                .body("nextToken", nullValue());
    }
}
