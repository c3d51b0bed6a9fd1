package io.berth.capacity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;

/** A capacity provider in one cluster: what CapacityProviderReservation is measured and decided for. */
@Embeddable
public record ProviderInCluster(@Column(name = "cluster_arn") String clusterArn,
        @Column(name = "capacity_provider_name") String capacityProviderName) implements Serializable {
}
