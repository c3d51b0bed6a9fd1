package io.berth.agent.autoscaling;

import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An Auto Scaling group that exists: key columns plus its folded state as JSON. */
@Entity
@Table(name = "auto_scaling_group_view")
public class GroupView extends PanacheEntityBase {

    @Id
    @Column(name = "stream_id")
    public String streamId;
    public String arn;
    public String name;
    public String account;
    public String region;
    public long version;
    public String state;

    public GroupState toState() {
        return JsonColumns.read(state, new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }
}
