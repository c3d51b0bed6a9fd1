package io.berth.cluster.capacityprovider;

import io.berth.eventstore.JsonColumns;
import io.berth.ecs.Caller;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A row of the capacity provider projection: key columns plus the folded state as JSON. */
@Entity
@Table(name = "capacity_provider_view")
public class CapacityProviderView extends PanacheEntityBase {

    @Id
    @Column(name = "capacity_provider_arn")
    public String capacityProviderArn;
    public String account;
    public String region;
    public String name;
    public String status;
    public String state;

    public CapacityProviderState toState() {
        return JsonColumns.read(state, new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }

    public static List<CapacityProviderView> activeOf(Caller caller) {
        return list("account = ?1 and region = ?2 and status = 'ACTIVE' order by name", caller.account(),
                caller.region());
    }
}
