package io.berth.cluster.cluster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The counters of a cluster, kept from the events of the services that own instances, tasks and services. */
@Entity
@Table(name = "cluster_contents")
public class ClusterContentsView extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_arn")
    public String clusterArn;
    @Column(name = "registered_container_instances")
    public int registeredContainerInstances;
    @Column(name = "running_tasks")
    public int runningTasks;
    @Column(name = "pending_tasks")
    public int pendingTasks;
    @Column(name = "active_services")
    public int activeServices;
    @Column(name = "running_fargate_tasks")
    public int runningFargateTasks;
    @Column(name = "pending_fargate_tasks")
    public int pendingFargateTasks;
    @Column(name = "active_fargate_services")
    public int activeFargateServices;

    /** The capacity providers that the cluster's unstopped tasks run on or its services' strategies name. */
    @SuppressWarnings("unchecked")
    public static Set<String> providersInUse(String clusterArn) {
        List<String> names = getEntityManager().createNativeQuery("""
                select capacity_provider from cluster_task_status
                 where cluster_arn = :cluster and capacity_provider is not null and last_status <> 'STOPPED'
                union
                select unnest(capacity_providers) from cluster_service where cluster_arn = :cluster
                """).setParameter("cluster", clusterArn).getResultList();
        return new HashSet<>(names);
    }

    public static ClusterContents of(String clusterArn) {
        ClusterContentsView view = findById(clusterArn);
        return view == null ? ClusterContents.EMPTY : new ClusterContents(view.registeredContainerInstances,
                view.runningTasks, view.pendingTasks, view.activeServices, view.runningFargateTasks,
                view.pendingFargateTasks, view.activeFargateServices);
    }
}
