package io.berth.scaling.evaluation;

import io.berth.events.ScalingEvent.NotScaledReason;
import io.berth.events.ScalingEvent.ScalingAlarm;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import io.berth.scaling.metrics.ServiceMetrics;
import io.berth.scaling.metrics.ServiceMetrics.Metric;
import io.berth.scaling.policy.Decision;
import io.berth.scaling.policy.PolicyProposal;
import io.berth.scaling.policy.ScalingDecision;
import io.berth.scaling.policy.TargetTracking;
import io.berth.scaling.policy.TargetTrackingPolicy;
import io.berth.scaling.service.ServiceView;
import io.berth.scaling.target.ScalableTargetProjection;
import io.berth.scaling.target.ScalableTargetState;
import io.berth.scaling.target.ScalableTargetState.Policy;
import io.berth.scaling.target.ScalableTargetView;
import io.berth.scaling.target.TargetCommand.Scale;
import io.berth.scaling.target.TargetCommands;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * Target tracking: once per metric period, for every service this replica has utilization samples
 * of, the managed alarms of its target tracking policies are evaluated on the last periods'
 * averages, the policies' proposals are combined (ECS reference §3.8), and a decision becomes a
 * scaling activity and an UpdateService of the desired count.
 */
@ApplicationScoped
public class TargetTrackingEvaluation {

    private static final Logger LOG = Logger.getLogger(TargetTrackingEvaluation.class);
    private static final TargetTracking ALARMS = new TargetTracking();
    /** Enough periods for the longer of the two managed alarms (AlarmLow's 15). */
    private static final int PERIODS = 15;

    private final ServiceMetrics metrics;
    private final TargetCommands targets;
    private ScheduledExecutorService timer;

    public TargetTrackingEvaluation(ServiceMetrics metrics, TargetCommands targets) {
        this.metrics = metrics;
        this.targets = targets;
    }

    void start(@Observes StartupEvent event) {
        long period = metrics.period().toMillis();
        // A little after each period ends, so that the period's last samples have arrived.
        long delay = period - Math.floorMod(System.currentTimeMillis(), period) + period / 5;
        timer = Evaluations.every("target-tracking", delay, period, () -> evaluateAll(Instant.now()), LOG);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Evaluates every target whose service has samples on this replica. */
    public void evaluateAll(Instant now) {
        for (String serviceArn : List.copyOf(metrics.services())) {
            try {
                evaluate(serviceArn, now);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Target tracking of %s failed", serviceArn);
            }
        }
    }

    private void evaluate(String serviceArn, Instant now) {
        record Subject(ScalableTargetView view, ServiceView service) {
        }
        Optional<Subject> subject = QuarkusTransaction.requiringNew().call(() -> ScalableTargetView.ofService(serviceArn)
                .flatMap(view -> ServiceView.active(serviceArn).map(service -> new Subject(view, service))));
        if (subject.isEmpty()) {
            return;
        }
        ScalableTargetState state = subject.get().view().toState();
        ServiceView service = subject.get().service();
        List<PolicyProposal> proposals = new ArrayList<>();
        for (Policy policy : state.policies.values()) {
            if (!"TargetTrackingScaling".equals(policy.policyType())) {
                continue;
            }
            TargetTrackingPolicy tracking = TargetTrackingPolicy.parse(policy.configuration());
            Optional<Metric> metric = metricOf(tracking);
            if (metric.isPresent()) {
                proposals.add(new PolicyProposal(policy.policyName(), tracking, ALARMS.evaluate(tracking,
                        service.desiredCount, metrics.datapoints(serviceArn, metric.get(), PERIODS, now))));
            }
        }
        if (proposals.isEmpty()) {
            return;
        }
        Decision decision = ScalingDecision.decide(Evaluations.targetState(state, service), proposals, now);
        if (!decision.scales() && decision.outcome() != Decision.Outcome.NOT_SCALED) {
            return;
        }
        Policy policy = state.policies.get(decision.policyName());
        TargetTrackingPolicy tracking = TargetTrackingPolicy.parse(policy.configuration());
        boolean out = decision.outcome() == Decision.Outcome.SCALE_OUT || (decision.outcome()
                == Decision.Outcome.NOT_SCALED && decision.notScaledReasons().stream()
                        .anyMatch(r -> r.code().equals(io.berth.scaling.policy.NotScaledReason.ALREADY_AT_MAX_CAPACITY)));
        String cause = TargetTracking.cause(alarmOf(policy, out), policy.policyName());
        targets.handle(new StreamId(ScalableTargetProjection.STREAM_TYPE, subject.get().view().streamKey),
                new Scale(service.desiredCount, decision.scales() ? decision.toCapacity() : proposed(proposals, decision),
                        cause, policy.policyName(), out ? tracking.scaleOutCooldown() : tracking.scaleInCooldown(),
                        reasons(decision), UUID.randomUUID().toString(), now),
                EventContext.of(subject.get().view().account, subject.get().view().region, UUID.randomUUID()));
    }

    private static int proposed(List<PolicyProposal> proposals, Decision decision) {
        return proposals.stream().filter(p -> p.policyName().equals(decision.policyName()))
                .map(p -> p.proposal().capacity()).findFirst().orElse(decision.toCapacity());
    }

    static Optional<Metric> metricOf(TargetTrackingPolicy policy) {
        Map<String, Metric> predefined = Map.of(
                TargetTrackingPolicy.CPU, Metric.CPU, TargetTrackingPolicy.CPU_HIGH_RESOLUTION, Metric.CPU,
                TargetTrackingPolicy.MEMORY, Metric.MEMORY, TargetTrackingPolicy.MEMORY_HIGH_RESOLUTION, Metric.MEMORY);
        return Optional.ofNullable(policy.predefinedMetricType()).map(predefined::get);
    }

    private static String alarmOf(Policy policy, boolean high) {
        String kind = high ? "-AlarmHigh-" : "-AlarmLow-";
        return policy.alarms().stream().map(ScalingAlarm::alarmName).filter(n -> n.contains(kind)).findFirst()
                .orElse("TargetTracking-" + kind);
    }

    static List<NotScaledReason> reasons(Decision decision) {
        return decision.notScaledReasons().stream().map(r -> new NotScaledReason(r.code(), r.maxCapacity(),
                r.minCapacity(), r.currentCapacity())).toList();
    }
}
