package io.berth.scheduler.task;

import jakarta.enterprise.event.Observes;
import io.berth.eventstore.AccountsForgotten;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.Arns;
import io.berth.eventstore.JsonColumns;
import io.berth.events.Shapes.Eni;
import io.berth.events.Shapes.Failure;
import io.berth.events.TaskEvent.TaskPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The serverless pool (ADR 0031): capacity of exactly a task's size, with no container instance,
 * for as long as the account stays within its vCPU quota, one for On-Demand (FARGATE) and one for
 * Spot (FARGATE_SPOT), as ECS counts them. Each task gets its network interface here; the addresses
 * in use are known from the live Fargate tasks and kept from then on.
 */
@ApplicationScoped
public class FargateCapacity {

    static final String QUOTA_REACHED = "You\u2019ve reached the limit on the number of vCPUs you can run concurrently";

    private final double onDemandVcpus;
    private final double spotVcpus;
    private final Map<String, Set<String>> addresses = new ConcurrentHashMap<>();
    private volatile boolean loaded;

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
            Eni eni;
            synchronized (this) {
                eni = Enis.allocate(taskArn, subnets, cluster.region(), this::taken);
                taken(eni.subnetId()).add(eni.privateIpv4Address());
            }
            placed.add(new TaskPlaced(template.clusterArn(), taskArn, template.taskDefinitionArn(), null, group,
                    template.startedBy(), FargateRules.FARGATE, template.capacityProvider().orElse(null),
                    template.reservation().cpu(), template.reservation().memory(), List.of(),
                    template.taskDefinition(), template.overrides(), template.tags() == null ? List.of()
                            : template.tags(), null, Enis.zone(eni.subnetId(), cluster.region()), at, eni,
                    template.platform().version(), template.platform().family()));
        }
        return new TaskPlacer.Outcome(placed, List.of(), null);
    }

    /** Frees the address of a Fargate task that stopped. */
    void release(Task task) {
        for (Task.Attachment attachment : task.attachments()) {
            String subnet = detail(attachment, "subnetId");
            String address = detail(attachment, "privateIPv4Address");
            if (subnet != null && address != null) {
                taken(subnet).remove(address);
            }
        }
    }

    /** Forgets the addresses after a reset (ADR 0034); the next placement loads those of the tasks left. */
    synchronized void forget(@Observes AccountsForgotten forgotten) {
        addresses.clear();
        loaded = false;
    }

    private Set<String> taken(String subnet) {
        if (!loaded) {
            load();
        }
        return addresses.computeIfAbsent(subnet, s -> ConcurrentHashMap.newKeySet());
    }

    private synchronized void load() {
        if (loaded) {
            return;
        }
        for (TaskView row : TaskView.<TaskView>list("launchType = 'FARGATE' and lastStatus <> 'STOPPED'")) {
            for (JsonNode attachment : JsonColumns.tree(row.document).path("attachments")) {
                String subnet = null;
                String address = null;
                for (JsonNode detail : attachment.path("details")) {
                    if ("subnetId".equals(detail.path("name").asText())) {
                        subnet = detail.path("value").asText();
                    } else if ("privateIPv4Address".equals(detail.path("name").asText())) {
                        address = detail.path("value").asText();
                    }
                }
                if (subnet != null && address != null) {
                    addresses.computeIfAbsent(subnet, s -> ConcurrentHashMap.newKeySet()).add(address);
                }
            }
        }
        loaded = true;
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

    private static String detail(Task.Attachment attachment, String name) {
        return attachment.details().stream().filter(d -> name.equals(d.name())).map(d -> d.value()).findFirst()
                .orElse(null);
    }
}
