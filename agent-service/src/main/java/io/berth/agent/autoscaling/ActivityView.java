package io.berth.agent.autoscaling;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A scaling activity of a group: an instance launched or terminated, and how far it got. */
@Entity
@Table(name = "auto_scaling_activity")
public class ActivityView extends PanacheEntityBase {

    @Id
    @Column(name = "activity_id")
    public String activityId;
    @Column(name = "group_arn")
    public String groupArn;
    @Column(name = "group_name")
    public String groupName;
    public String account;
    public String region;
    public String description;
    public String cause;
    @Column(name = "start_time")
    public Instant startTime;
    @Column(name = "end_time")
    public Instant endTime;
    @Column(name = "status_code")
    public String statusCode;
    public int progress;
}
