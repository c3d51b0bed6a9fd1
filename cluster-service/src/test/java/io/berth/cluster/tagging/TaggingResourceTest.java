package io.berth.cluster.tagging;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.berth.testsupport.EcsCalls;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TaggingResourceTest {

    EcsCalls ecs = EcsCalls.newAccount();

    @Test
    void clustersTaskDefinitionsAndCapacityProvidersAreTaggable() {
        ecs.ok("CreateCluster", "{\"clusterName\":\"c\"}");
        ecs.ok("RegisterTaskDefinition", """
                {"family":"f","containerDefinitions":[{"name":"a","image":"busybox","memory":64}]}""");
        ecs.ok("CreateCapacityProvider", """
                {"name":"p","autoScalingGroupProvider":{"autoScalingGroupArn":"asg"}}""");
        for (String resource : new String[] {"cluster/c", "task-definition/f:1", "capacity-provider/p"}) {
            String arn = ecs.arn(resource);
            ecs.ok("TagResource", "{\"resourceArn\":\"" + arn + "\",\"tags\":[{\"key\":\"a\",\"value\":\"1\"},"
                    + "{\"key\":\"b\",\"value\":\"2\"}]}");
            ecs.ok("TagResource", "{\"resourceArn\":\"" + arn + "\",\"tags\":[{\"key\":\"a\",\"value\":\"3\"}]}");
            ecs.ok("UntagResource", "{\"resourceArn\":\"" + arn + "\",\"tagKeys\":[\"b\"]}");
            ecs.ok("ListTagsForResource", "{\"resourceArn\":\"" + arn + "\"}")
                    .body("tags", hasSize(1)).body("tags[0].key", equalTo("a")).body("tags[0].value", equalTo("3"));
        }
        ecs.ok("DescribeClusters", "{\"clusters\":[\"c\"],\"include\":[\"TAGS\"]}")
                .body("clusters[0].tags.key", contains("a"));
    }

    @Test
    void missingResourcesAndReservedKeysAreRejected() {
        ecs.error("ListTagsForResource", "{\"resourceArn\":\"" + ecs.arn("cluster/none") + "\"}",
                "ResourceNotFoundException");
        ecs.error("TagResource", "{\"resourceArn\":\"" + ecs.arn("service/c/s") + "\",\"tags\":[]}",
                "InvalidParameterException");
        ecs.ok("CreateCluster", "{\"clusterName\":\"c\"}");
        ecs.error("TagResource", "{\"resourceArn\":\"" + ecs.arn("cluster/c")
                + "\",\"tags\":[{\"key\":\"AWS:x\",\"value\":\"1\"}]}", "InvalidParameterException");
        ecs.error("TagResource", "{\"resourceArn\":\"" + ecs.arn("cluster/c") + "\"}", "InvalidParameterException")
                .body("message", equalTo("tags can not be blank."));
    }
}
