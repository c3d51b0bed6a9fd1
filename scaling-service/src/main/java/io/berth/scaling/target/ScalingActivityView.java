package io.berth.scaling.target;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A scaling activity as DescribeScalingActivities lists it. */
@Entity
@Table(name = "scaling_activity")
public class ScalingActivityView extends PanacheEntityBase {

    @Id
    @Column(name = "activity_id")
    public String activityId;
    @Column(name = "stream_key")
    public String streamKey;
    public String account;
    public String region;
    @Column(name = "service_namespace")
    public String serviceNamespace;
    @Column(name = "resource_id")
    public String resourceId;
    @Column(name = "scalable_dimension")
    public String scalableDimension;
    public String description;
    public String cause;
    @Column(name = "status_code")
    public String statusCode;
    @Column(name = "status_message")
    public String statusMessage;
    @Column(name = "start_time")
    public Instant startTime;
    @Column(name = "end_time")
    public Instant endTime;
    /** JSON list of NotScaledReason; null for activities that scaled. */
    @Column(name = "not_scaled_reasons")
    public String notScaledReasons;
}
