package io.berth.gateway.routing;

import java.util.Set;

/**
 * Every Amazon ECR operation of the service model (58). The registry-service answers the ones that
 * repositories, images, their policies and scans need; {@code docs/api.md} lists all with their status.
 */
public final class EcrOperations {

    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

    private static final Set<String> ALL = Set.of("BatchCheckLayerAvailability", "BatchDeleteImage",
            "BatchGetImage", "BatchGetRepositoryScanningConfiguration", "CompleteLayerUpload",
            "CreatePullThroughCacheRule", "CreateRepository", "CreateRepositoryCreationTemplate",
            "DeleteLifecyclePolicy", "DeletePullThroughCacheRule", "DeleteRegistryPolicy", "DeleteRepository",
            "DeleteRepositoryCreationTemplate", "DeleteRepositoryPolicy", "DeleteSigningConfiguration",
            "DeregisterPullTimeUpdateExclusion", "DescribeImageReplicationStatus", "DescribeImageScanFindings",
            "DescribeImageSigningStatus", "DescribeImages", "DescribePullThroughCacheRules", "DescribeRegistry",
            "DescribeRepositories", "DescribeRepositoryCreationTemplates", "GetAccountSetting",
            "GetAuthorizationToken", "GetDownloadUrlForLayer", "GetLifecyclePolicy", "GetLifecyclePolicyPreview",
            "GetRegistryPolicy", "GetRegistryScanningConfiguration", "GetRepositoryPolicy",
            "GetSigningConfiguration", "InitiateLayerUpload", "ListImageReferrers", "ListImages",
            "ListPullTimeUpdateExclusions", "ListTagsForResource", "PutAccountSetting", "PutImage",
            "PutImageScanningConfiguration", "PutImageTagMutability", "PutLifecyclePolicy", "PutRegistryPolicy",
            "PutRegistryScanningConfiguration", "PutReplicationConfiguration", "PutSigningConfiguration",
            "RegisterPullTimeUpdateExclusion", "SetRepositoryPolicy", "StartImageScan", "StartLifecyclePolicyPreview",
            "TagResource", "UntagResource", "UpdateImageStorageClass", "UpdatePullThroughCacheRule",
            "UpdateRepositoryCreationTemplate", "UploadLayerPart", "ValidatePullThroughCacheRule");
    private static final Set<String> IMPLEMENTED = Set.of("CreateRepository", "DescribeRepositories",
            "DeleteRepository", "PutImageTagMutability", "PutImageScanningConfiguration", "GetRepositoryPolicy",
            "SetRepositoryPolicy", "DeleteRepositoryPolicy", "TagResource", "UntagResource", "ListTagsForResource",
            "ListImages", "DescribeImages", "BatchGetImage", "BatchDeleteImage", "PutImage",
            "BatchCheckLayerAvailability", "GetAuthorizationToken", "PutLifecyclePolicy", "GetLifecyclePolicy",
            "DeleteLifecyclePolicy", "StartLifecyclePolicyPreview", "GetLifecyclePolicyPreview", "StartImageScan",
            "DescribeImageScanFindings", "DescribeRegistry");

    /** Every ECR error shape has a lower-case {@code message} member; only ServerException is a fault. */
    public static final ApiFace FACE = new ApiFace("ecr", "ECR", TARGET_PREFIX, ALL,
            ApiFace.ownedBy(Owner.REGISTRY_SERVICE, IMPLEMENTED), "/ecr/",
            new ApiFace.ErrorFormat("message", "ServerException"));

    private EcrOperations() {
    }
}
