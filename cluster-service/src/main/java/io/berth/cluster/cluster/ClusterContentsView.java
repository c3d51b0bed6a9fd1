package io.berth.cluster.cluster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    public static ClusterContents of(String clusterArn) {
        ClusterContentsView view = findById(clusterArn);
        return view == null ? ClusterContents.EMPTY : new ClusterContents(view.registeredContainerInstances,
                view.runningTasks, view.pendingTasks, view.activeServices, view.runningFargateTasks,
                view.pendingFargateTasks, view.activeFargateServices);
    }
}
