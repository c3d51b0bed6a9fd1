package io.berth.scaling.target;

import io.berth.ecs.Caller;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;

/** A row of the scalable target projection: key columns plus the folded state as JSON. */
@Entity
@Table(name = "scalable_target_view")
public class ScalableTargetView extends PanacheEntityBase {

    @Id
    @Column(name = "stream_key")
    public String streamKey;
    @Column(name = "scalable_target_arn")
    public String scalableTargetArn;
    public String account;
    public String region;
    @Column(name = "service_namespace")
    public String serviceNamespace;
    @Column(name = "resource_id")
    public String resourceId;
    @Column(name = "scalable_dimension")
    public String scalableDimension;
    @Column(name = "cluster_arn")
    public String clusterArn;
    @Column(name = "service_arn")
    public String serviceArn;
    public String state;

    public ScalableTargetState toState() {
        return JsonColumns.read(state, new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }

    public static List<ScalableTargetView> of(Caller caller, String namespace) {
        return list("account = ?1 and region = ?2 and serviceNamespace = ?3 order by resourceId, scalableDimension",
                caller.account(), caller.region(), namespace);
    }

    public static Optional<ScalableTargetView> byArn(String arn) {
        return find("scalableTargetArn", arn).firstResultOptional();
    }

    public static Optional<ScalableTargetView> ofService(String serviceArn) {
        return find("serviceArn", serviceArn).firstResultOptional();
    }

    public static long countOf(Caller caller) {
        return count("account = ?1 and region = ?2", caller.account(), caller.region());
    }
}
