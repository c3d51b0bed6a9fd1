package io.berth.scaling.capacity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.Timestamps;
import io.berth.ecs.rest.CallerContext;
import io.berth.events.EventJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Managed scaling as ECS keeps it in CloudWatch and the group's activities: each
 * CapacityProviderReservation measurement of a provider in a cluster, newest first, with the
 * desired capacity it asked of the group and why.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cluster auto scaling")
public class ManagedScalingResource {

    private static final int MAX_MEASUREMENTS = 500;
    private final CallerContext context;

    public ManagedScalingResource(CallerContext context) {
        this.context = context;
    }

    @GET
    @Path("clusters/{cluster}/capacity-providers/{provider}/scaling")
    @Operation(summary = "A capacity provider's CapacityProviderReservation measurements in a cluster, newest first,"
            + " with each managed scaling decision and its reason")
    public ObjectNode scaling(@PathParam("cluster") String cluster, @PathParam("provider") String provider,
            @QueryParam("limit") @DefaultValue("60") int limit) {
        Caller caller = context.caller();
        String clusterArn = Arns.cluster(caller, cluster);
        int count = Math.max(1, Math.min(MAX_MEASUREMENTS, limit));
        record Read(ManagedScalingProvider provider, List<CapacityMeasurement> measurements) {
        }
        Read read = QuarkusTransaction.requiringNew().call(() -> new Read(
                ManagedScalingProvider.findById(Arns.ofResourceId(clusterArn, "capacity-provider/" + provider)),
                CapacityMeasurement.<CapacityMeasurement>find("provider.clusterArn = ?1 and provider.capacityProviderName = ?2"
                        + " order by measuredAt desc", clusterArn, provider).page(0, count).list()));
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.put("clusterArn", clusterArn);
        response.put("capacityProviderName", provider);
        if (read.provider() != null) {
            ObjectNode scaling = response.putObject("managedScaling");
            scaling.put("status", read.provider().managedScalingStatus);
            scaling.put("targetCapacity", read.provider().targetCapacity);
            scaling.put("minimumScalingStepSize", read.provider().minimumScalingStepSize);
            scaling.put("maximumScalingStepSize", read.provider().maximumScalingStepSize);
            scaling.put("instanceWarmupPeriod", read.provider().instanceWarmupPeriod);
            response.put("managedTerminationProtection", read.provider().managedTerminationProtection);
            response.put("autoScalingGroupArn", read.provider().autoScalingGroupArn);
        }
        ArrayNode measurements = response.putArray("measurements");
        for (CapacityMeasurement m : read.measurements()) {
            ObjectNode item = measurements.addObject();
            item.put("timestamp", Timestamps.epochSeconds(m.measuredAt));
            item.put("capacityProviderReservation", m.reservation);
            item.put("instancesNeeded", m.instancesNeeded);
            item.put("instancesRunning", m.instancesRunning);
            item.put("provisioningTasks", m.provisioningTasks);
            item.set("emptyInstances", EventJson.mapper().valueToTree(m.emptyInstanceList()));
            if (m.desiredCapacity != null) {
                item.put("desiredCapacity", m.desiredCapacity);
            }
            item.put("reason", m.reason);
        }
        return response;
    }
}
