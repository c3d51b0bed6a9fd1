package io.berth.scaling.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import io.berth.scaling.target.AasErrors;
import io.berth.scaling.api.AasRequests;
import io.berth.scaling.metrics.ServiceMetrics;
import io.berth.scaling.metrics.ServiceMetrics.Metric;
import io.berth.scaling.policy.Decision;
import io.berth.scaling.policy.ScalingDecision;
import io.berth.scaling.policy.StepScalingPolicy;
import io.berth.scaling.service.ServiceView;
import io.berth.scaling.target.ScalableTargetProjection;
import io.berth.scaling.target.ScalableTargetState;
import io.berth.scaling.target.ScalableTargetState.Policy;
import io.berth.scaling.target.ScalableTargetView;
import io.berth.scaling.target.TargetCommand.Scale;
import io.berth.scaling.target.TargetCommands;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Berth's REST resources of service auto scaling, for what Application Auto Scaling leaves to
 * CloudWatch: the datapoints target tracking sees, and the alarm notification that runs a step
 * scaling policy.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service auto scaling")
public class ScalingResource {

    private final ServiceMetrics metrics;
    private final TargetCommands targets;
    private final CallerContext context;

    public ScalingResource(ServiceMetrics metrics, TargetCommands targets, CallerContext context) {
        this.metrics = metrics;
        this.targets = targets;
        this.context = context;
    }

    @GET
    @Path("clusters/{cluster}/services/{service}/metrics")
    @Operation(summary = "The CPU and memory utilization averages per period of a service, oldest first")
    public ObjectNode metrics(@PathParam("cluster") String cluster, @PathParam("service") String service) {
        Caller caller = context.caller();
        String serviceArn = caller.arnPrefix() + "service/" + cluster + "/" + service;
        Instant now = Instant.now();
        long period = metrics.period().toMillis();
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.put("ServiceArn", serviceArn);
        response.put("PeriodSeconds", period / 1000.0);
        for (Metric metric : Metric.values()) {
            ArrayNode points = response.putArray(metric == Metric.CPU ? "CPUUtilization" : "MemoryUtilization");
            List<Double> values = metrics.datapoints(serviceArn, metric, 15, now);
            long first = (now.toEpochMilli() / period - values.size()) * period;
            for (int i = 0; i < values.size(); i++) {
                ObjectNode point = points.addObject();
                point.put("Timestamp", Timestamps.epochSeconds(Instant.ofEpochMilli(first + i * period)));
                if (values.get(i) == null) {
                    point.putNull("Average");
                } else {
                    point.put("Average", values.get(i));
                }
            }
        }
        return response;
    }

    @POST
    @Path("scaling/alarm-notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An alarm in ALARM runs a StepScaling policy: {policyArn, metricValue, threshold[, alarmName]}")
    public ObjectNode alarmNotification(JsonNode body) {
        Caller caller = context.caller();
        EcsRequest request = EcsRequest.of(body);
        String policyArn = AasRequests.required(request, "policyArn");
        double metricValue = request.number("metricValue").orElseThrow(() -> AasErrors.validation(
                "metricValue is required."));
        double threshold = request.number("threshold").orElseThrow(() -> AasErrors.validation(
                "threshold is required."));
        String alarm = request.string("alarmName").orElse("berth-alarm-notification");
        record Found(ScalableTargetView view, ScalableTargetState state, Policy policy) {
        }
        Found found = QuarkusTransaction.requiringNew().call(() -> ScalableTargetView.of(caller, AasRequests.ECS)
                .stream().map(v -> {
                    ScalableTargetState state = v.toState();
                    return state.policies.values().stream().filter(p -> p.policyArn().equals(policyArn)).findFirst()
                            .map(p -> new Found(v, state, p)).orElse(null);
                }).filter(f -> f != null).findFirst())
                .orElseThrow(() -> AasErrors.objectNotFound("No scaling policy found with ARN " + policyArn + "."));
        if (!"StepScaling".equals(found.policy().policyType())) {
            throw AasErrors.validation("Policy " + found.policy().policyName() + " is a " + found.policy().policyType()
                    + " policy: Berth evaluates its alarms itself; notifications run StepScaling policies.");
        }
        ServiceView service = QuarkusTransaction.requiringNew().call(() -> ServiceView.active(found.view().serviceArn))
                .orElseThrow(() -> AasErrors.validation("ECS service doesn't exist: " + found.state().resourceId));
        StepScalingPolicy policy = StepScalingPolicy.parse(found.policy().configuration());
        Instant now = Instant.now();
        Decision decision = ScalingDecision.decideStep(Evaluations.targetState(found.state(), service),
                found.policy().policyName(), policy, metricValue - threshold, now);
        if (decision.scales() || decision.outcome() == Decision.Outcome.NOT_SCALED) {
            targets.handle(new StreamId(ScalableTargetProjection.STREAM_TYPE, found.view().streamKey),
                    new Scale(service.desiredCount, decision.toCapacity(), "monitor alarm " + alarm
                            + " in state ALARM triggered policy " + found.policy().policyName(),
                            found.policy().policyName(), policy.cooldown(),
                            TargetTrackingEvaluation.reasons(decision), UUID.randomUUID().toString(), now),
                    EventContext.of(caller.account(), caller.region(), context.requestId()));
        }
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.put("outcome", decision.outcome().name());
        response.put("fromCapacity", decision.fromCapacity());
        response.put("toCapacity", decision.toCapacity());
        if (decision.detail() != null) {
            response.put("detail", decision.detail());
        }
        return response;
    }
}
