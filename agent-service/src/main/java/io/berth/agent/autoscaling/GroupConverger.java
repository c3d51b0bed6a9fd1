package io.berth.agent.autoscaling;

import io.berth.agent.autoscaling.GroupCommand.LaunchData;
import io.berth.agent.autoscaling.GroupState.GroupInstance;
import io.berth.agent.fleet.Fleet;
import io.berth.agent.instance.InstanceService;
import io.berth.agent.instance.InstanceView;
import io.berth.agent.launchtemplate.LaunchTemplateService;
import io.berth.agent.launchtemplate.LaunchTemplateView;
import io.berth.agent.launchtemplate.UserData;
import io.berth.agent.runtime.InstanceTypes;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.eventstore.LeaderElection;
import io.berth.eventstore.LeaderElections;
import io.berth.events.AutoScalingEvent.LaunchTemplateCreated;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Brings every group to its desired capacity, one round per interval: the decider chooses what to launch
 * and terminate; this carries it out through the {@link Fleet}. A Pending instance is launched (again,
 * after a restart: its instance id registers the same container instance) and goes InService; a
 * Terminating one under managed draining is set DRAINING and waits until its container instance runs no
 * task but daemon tasks, at most the draining timeout (the lifecycle hook's heartbeat); then its tasks (the
 * daemon tasks last, as in ECS) are stopped, its container instance deregistered and its agent stopped.
 *
 * <p>Among replicas of the agent-service one converges at a time, the leader of {@link #ELECTION}; the others
 * ask again every interval and one takes over when the leader's database connection ends (ADR 0038).
 */
@ApplicationScoped
public class GroupConverger {

    /** The work the replicas elect a leader for. */
    static final String ELECTION = "berth.agent.auto-scaling.converger";
    private static final Logger LOG = Logger.getLogger(GroupConverger.class);
    /** How long shutdown waits for a round in progress before it gives the lead up. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final GroupService groups;
    private final Fleet fleet;
    private final InstanceService instances;
    private final Duration interval;
    private final Duration drainingTimeout;
    private final String defaultRuntime;
    private final LeaderElections elections;
    private ScheduledExecutorService ticker;
    private LeaderElection election;

    public GroupConverger(GroupService groups, Fleet fleet, InstanceService instances, LeaderElections elections,
            @ConfigProperty(name = "berth.agent.auto-scaling.interval") Duration interval,
            @ConfigProperty(name = "berth.agent.auto-scaling.draining-timeout") Duration drainingTimeout,
            @ConfigProperty(name = "berth.agent.auto-scaling.runtime") String defaultRuntime) {
        this.groups = groups;
        this.fleet = fleet;
        this.instances = instances;
        this.interval = interval;
        this.drainingTimeout = drainingTimeout;
        this.defaultRuntime = defaultRuntime;
        this.elections = elections;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    synchronized void start() {
        LeaderElection current = elections.of(ELECTION);
        election = current;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "auto-scaling-groups");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> round(current), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Ends the rounds, then gives the lead up, so that another replica converges from its next round on. */
    synchronized void stop() throws InterruptedException {
        ticker.shutdownNow();
        if (!ticker.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("The Auto Scaling round still runs after %s; giving the lead up anyway", STOP_WAIT);
        }
        election.close();
    }

    /**
     * One round over every group, by the leader only; nothing one group throws may stop the others or the
     * schedule. The lead is checked again before each group, so a replica that lost it stops within a group.
     */
    private void round(LeaderElection election) {
        if (!election.leads()) {
            return;
        }
        List<GroupView> views;
        try {
            views = QuarkusTransaction.requiringNew().call(() -> GroupView.<GroupView>listAll());
        } catch (RuntimeException e) {
            LOG.warnf("Reading the Auto Scaling groups failed: %s", e.getMessage());
            return;
        }
        // The instance operations read their projections as a request would.
        ManagedContext requestContext = Arc.container().requestContext();
        for (GroupView view : views) {
            if (!election.leads()) {
                return;
            }
            requestContext.activate();
            try {
                converge(view);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Auto Scaling group %s could not converge this round", view.name);
            } finally {
                requestContext.terminate();
            }
        }
    }

    private void converge(GroupView view) {
        Caller caller = Caller.of(view.account, view.region);
        GroupState group = view.toState();
        Optional<CapacityProviderGroup> provider = QuarkusTransaction.requiringNew().call(() -> CapacityProviderGroup
                .of(group, view.account, view.region));
        groups.handle(view, new GroupCommand.Converge(launchData(group, caller), provider.map(p -> p.managedDraining)
                .orElse(false), UUID::randomUUID, Instant.now()));
        GroupState now = QuarkusTransaction.requiringNew().call(() -> GroupView.<GroupView>findById(view.streamId))
                .toState();
        for (GroupInstance instance : now.instances()) {
            if (GroupState.PENDING.equals(instance.lifecycleState())) {
                launch(view, now, instance, caller, provider.map(p -> p.name).orElse(null));
            } else if (instance.terminating()) {
                terminate(view, instance);
            }
        }
    }

    private void launch(GroupView view, GroupState group, GroupInstance instance, Caller caller,
            String capacityProvider) {
        try {
            String arn = fleet.launch(new Fleet.Launch(caller, UUID.randomUUID(), instance.clusterName(),
                    InstanceTypes.lookup(instance.instanceType()).orElseThrow(), instance.availabilityZone(),
                    instance.runtime(), null, instance.instanceId(), capacityProvider));
            groups.handle(view, new GroupCommand.MarkInService(instance.instanceId(), arn, Instant.now()));
        } catch (EcsException e) {
            // As a real agent does, it keeps trying: e.g. until the cluster its user data names exists.
            LOG.debugf("Instance %s of %s can not register yet: %s", instance.instanceId(), group.name(),
                    e.getMessage());
        }
    }

    private void terminate(GroupView view, GroupInstance instance) {
        String arn = instance.containerInstanceArn();
        if (arn != null && instance.draining()
                && instance.terminatingSince().plus(drainingTimeout).isAfter(Instant.now())
                && fleet.nonDaemonTasksOn(arn) > 0) {
            boolean active = QuarkusTransaction.requiringNew().call(() -> InstanceView.count(
                    "containerInstanceArn = ?1 and status = 'ACTIVE'", arn)) > 0;
            if (active) {
                instances.changeStatus(arn, "DRAINING", view.account, view.region);
            }
            return;
        }
        if (arn != null) {
            fleet.retire(arn, view.account, view.region, "Container instance " + instance.instanceId()
                    + " is being terminated by Auto Scaling group " + view.name + ".");
        }
        groups.handle(view, new GroupCommand.FinishTermination(instance.instanceId(), Instant.now()));
    }

    /** What the group's launch template launches; null when the template is gone. */
    private LaunchData launchData(GroupState group, Caller caller) {
        Optional<LaunchTemplateCreated> template = QuarkusTransaction.requiringNew().call(() -> LaunchTemplateView
                .byId(caller.account(), caller.region(), group.settings().launchTemplateId()));
        return template.map(t -> new LaunchData(t.instanceType(), UserData.clusterOf(t.userData()), t.tags().stream()
                .filter(tag -> LaunchTemplateService.RUNTIME_TAG.equals(tag.key())).map(tag -> tag.value())
                .findFirst().orElse(defaultRuntime))).orElse(null);
    }
}
