package io.berth.scheduler.task;

import io.berth.ecs.Arns;
import io.berth.events.Shapes.Eni;
import io.berth.events.Shapes.Failure;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.eventstore.AdvisoryLock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * The serverless pool (ADR 0031): capacity of exactly a task's size, with no container instance,
 * for as long as the account stays within its vCPU quota, one for On-Demand (FARGATE) and one for
 * Spot (FARGATE_SPOT), as ECS counts them. Each task gets its network interface here, at an address
 * claimed in {@code fargate_address} in the placement's transaction: the table's key keeps an address
 * to one live task of its subnet whichever scheduler instance places it, before or after a restart,
 * and a placement that does not commit leaves its addresses free. A task's stop frees its address.
 *
 * <p>Placements that read the quota take turns until their transactions end, whichever thread (the commands'
 * decisions, the services' reconciler) or scheduler replica places: under read committed, two at once would each see
 * room for the last vCPUs and together take the account past its quota. One lock serves every account and both
 * classes, so a transaction that places for several never holds one while it waits for another in the order a second
 * transaction takes the other way round.
 */
@ApplicationScoped
public class FargateCapacity {

    static final String QUOTA_REACHED = "You\u2019ve reached the limit on the number of vCPUs you can run concurrently";

    private static final AdvisoryLock QUOTA = new AdvisoryLock("berth.scheduler.fargate-quota");

    private final double onDemandVcpus;
    private final double spotVcpus;

    public FargateCapacity(@ConfigProperty(name = "berth.scheduler.fargate.on-demand-vcpu-quota") double onDemandVcpus,
            @ConfigProperty(name = "berth.scheduler.fargate.spot-vcpu-quota") double spotVcpus) {
        this.onDemandVcpus = onDemandVcpus;
        this.spotVcpus = spotVcpus;
    }

    /**
     * {@code count} tasks of the template on Fargate, or none and a failure per task when they would
     * take the account past its quota, counting the tasks the caller placed and has not recorded yet.
     */
    TaskPlacer.Outcome place(TaskPlacer.Template template, int count, String group, Instant at,
            List<TaskPlaced> pending) {
        boolean spot = FargateRules.FARGATE_SPOT.equals(template.capacityProvider().orElse(null));
        Arns.Arn cluster = Arns.parse(template.clusterArn()).orElseThrow();
        double needed = vcpus(template.reservation().cpu()) * count
                + pending.stream().filter(p -> p.onFargate() && spot == isSpot(p.capacityProviderName()))
                        .mapToDouble(p -> vcpus(p.cpu())).sum();
        TaskView.getEntityManager().unwrap(Session.class).doWork(QUOTA::lockForTransaction);
        if (inUse(cluster.account(), spot) + needed > (spot ? spotVcpus : onDemandVcpus)) {
            List<Failure> failures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                failures.add(new Failure(null, QUOTA_REACHED, null));
            }
            return new TaskPlacer.Outcome(List.of(), failures, null);
        }
        List<String> subnets = template.network().awsvpcConfiguration().subnets();
        List<TaskPlaced> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String taskArn = Arns.inCluster(template.clusterArn(), "task", TaskPlacer.newTaskId());
            Eni eni = Enis.allocate(taskArn, subnets, cluster.region(),
                    (subnet, address) -> claim(subnet, address, taskArn, cluster.account()));
            placed.add(new TaskPlaced(template.clusterArn(), taskArn, template.taskDefinitionArn(), null, group,
                    template.startedBy(), FargateRules.FARGATE, template.capacityProvider().orElse(null),
                    template.reservation().cpu(), template.reservation().memory(), List.of(),
                    template.taskDefinition(), template.overrides(), template.tags() == null ? List.of()
                            : template.tags(), null, Enis.zone(eni.subnetId(), cluster.region()), at, eni,
                    template.platform().version(), template.platform().family()));
        }
        return new TaskPlacer.Outcome(placed, List.of(), null);
    }

    /** The address is free in the subnet and is now the task's; waits for a placement that holds it to end. */
    private static boolean claim(String subnet, String address, String taskArn, String account) {
        return TaskView.getEntityManager().createNativeQuery("""
                insert into fargate_address (subnet_id, address, task_arn, account) values (?1, ?2, ?3, ?4)
                on conflict do nothing""").setParameter(1, subnet).setParameter(2, address)
                .setParameter(3, taskArn).setParameter(4, account).executeUpdate() == 1;
    }

    /** Frees the addresses of Fargate tasks that stopped, in the transaction that records their stop. */
    static void release(List<String> taskArns) {
        if (!taskArns.isEmpty()) {
            TaskView.getEntityManager().createNativeQuery("delete from fargate_address where task_arn in (:tasks)")
                    .setParameter("tasks", taskArns).executeUpdate();
        }
    }

    /** The vCPUs the account's live Fargate tasks of the class hold. */
    private static double inUse(String account, boolean spot) {
        Number cpu = TaskView.getEntityManager().createQuery("select coalesce(sum(t.cpu), 0) from TaskView t"
                + " where t.account = ?1 and t.launchType = 'FARGATE' and t.lastStatus <> 'STOPPED' and "
                + (spot ? "t.capacityProvider = 'FARGATE_SPOT'"
                        : "(t.capacityProvider is null or t.capacityProvider <> 'FARGATE_SPOT')"), Number.class)
                .setParameter(1, account).getSingleResult();
        return vcpus(cpu.doubleValue());
    }

    private static boolean isSpot(String capacityProvider) {
        return FargateRules.FARGATE_SPOT.equals(capacityProvider);
    }

    private static double vcpus(double cpuUnits) {
        return cpuUnits / 1024;
    }
}
