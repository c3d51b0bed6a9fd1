package io.berth.scaling.service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;

/**
 * An ECS service as the scaling service needs it: its desired count, whether it is ACTIVE, and the
 * deployments in progress (a space-separated list of ids; scale-in waits while there are any).
 */
@Entity
@Table(name = "scaling_service")
public class ServiceView extends PanacheEntityBase {

    @Id
    @Column(name = "service_arn")
    public String serviceArn;
    @Column(name = "cluster_arn")
    public String clusterArn;
    public String account;
    public String region;
    @Column(name = "desired_count")
    public int desiredCount;
    public String status;
    public String deployments;

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public boolean deploying() {
        return deployments != null && !deployments.isBlank();
    }

    public static Optional<ServiceView> active(String serviceArn) {
        return Optional.ofNullable(ServiceView.<ServiceView>findById(serviceArn)).filter(ServiceView::active);
    }
}
