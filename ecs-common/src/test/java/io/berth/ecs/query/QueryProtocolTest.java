package io.berth.ecs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryProtocolTest {

    @Test
    void autoScalingListsAndStructuresAreReadByTheirMemberIndex() {
        Map<String, String> form = QueryForm.parse("Action=CreateAutoScalingGroup&Version=2011-01-01"
                + "&AutoScalingGroupName=web&MinSize=1&AvailabilityZones.member.2=us-east-1b"
                + "&AvailabilityZones.member.1=us-east-1a&LaunchTemplate.LaunchTemplateName=lt%2Fa"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=a%20b&Tags.member.1.PropagateAtLaunch=true");
        QueryRequest request = QueryDialect.AUTO_SCALING.request(form);
        assertThat(request.strings("AvailabilityZones")).containsExactly("us-east-1a", "us-east-1b");
        assertThat(request.structure("LaunchTemplate").orElseThrow().string("LaunchTemplateName")).hasValue("lt/a");
        QueryRequest tag = request.structures("Tags").get(0);
        assertThat(tag.string("Value")).hasValue("a b");
        assertThat(tag.bool("PropagateAtLaunch")).hasValue(true);
        assertThat(request.integer("MinSize")).hasValue(1);
        assertThat(request.structure("MixedInstancesPolicy")).isEmpty();
    }

    @Test
    void ec2ListsHaveNoMemberInfix() {
        QueryRequest request = QueryDialect.EC2.request(QueryForm.parse(
                "LaunchTemplateName.1=a&LaunchTemplateName.2=b&Filter.1.Name=tag%3Ateam&Filter.1.Value.1=x"));
        assertThat(request.strings("LaunchTemplateName")).containsExactly("a", "b");
        assertThat(request.structures("Filter").get(0).strings("Value")).containsExactly("x");
    }

    @Test
    void badValuesAreValidationErrorsNamingTheParameter() {
        QueryRequest request = QueryDialect.AUTO_SCALING.request(Map.of("MinSize", "two", "Tags.member.1.Key", ""));
        assertThatThrownBy(() -> request.integer("MinSize")).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.code()).isEqualTo("ValidationError");
            assertThat(e.getMessage()).isEqualTo("Value 'two' at 'MinSize' is not a valid integer.");
        });
        assertThatThrownBy(() -> request.structures("Tags").get(0).required("Key"))
                .hasMessageContaining("'Tags.member.1.Key'");
        assertThatThrownBy(() -> QueryDialect.AUTO_SCALING.request(Map.of("Tags.member.x.Key", "k"))
                .structures("Tags")).hasMessage("Parameter Tags.member.x.Key has no valid list index.");
    }

    @Test
    void answersAndErrorsHaveEachApisEnvelope() {
        String answer = QueryDialect.AUTO_SCALING.answer("DescribeAutoScalingGroups", "r-1", result -> result
                .child("AutoScalingGroups").child("member").add("AutoScalingGroupName", "a<b&c"));
        assertThat(answer).contains("<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/"
                + "2011-01-01/\"><DescribeAutoScalingGroupsResult><AutoScalingGroups><member><AutoScalingGroupName>"
                + "a&lt;b&amp;c</AutoScalingGroupName></member></AutoScalingGroups></DescribeAutoScalingGroupsResult>"
                + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>");
        assertThat(QueryDialect.AUTO_SCALING.answer("SetDesiredCapacity", "r-2", null))
                .doesNotContain("SetDesiredCapacityResult");
        assertThat(QueryDialect.EC2.answer("DeleteLaunchTemplate", "r-3", r -> r.child("launchTemplate")))
                .contains("<DeleteLaunchTemplateResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                        + "<requestId>r-3</requestId><launchTemplate></launchTemplate>");
        assertThat(QueryDialect.AUTO_SCALING.error(QueryException.validation("bad"), "r-4")).contains(
                "<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><Error><Type>Sender</Type>"
                        + "<Code>ValidationError</Code><Message>bad</Message></Error><RequestId>r-4</RequestId>"
                        + "</ErrorResponse>");
        assertThat(QueryDialect.EC2.error(new QueryException("InvalidLaunchTemplateId.NotFound", "gone"), "r-5"))
                .contains("<Response><Errors><Error><Code>InvalidLaunchTemplateId.NotFound</Code><Message>gone"
                        + "</Message></Error></Errors><RequestID>r-5</RequestID></Response>");
        assertThat(QueryDialect.ofVersion("2016-11-15")).hasValue(QueryDialect.EC2);
        assertThat(QueryDialect.ofSigningName("autoscaling")).hasValue(QueryDialect.AUTO_SCALING);
        assertThat(List.of(QueryDialect.values())).hasSize(2);
    }
}
