package io.berth.logs.group;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.ecs.Caller;
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A row of the log group projection. */
@Entity
@Table(name = "log_group")
public class LogGroupView extends PanacheEntityBase {

    @Id
    @Column(name = "group_key")
    public UUID groupKey;
    public String arn;
    public String account;
    public String region;
    public String name;
    public long incarnation;
    @Column(name = "creation_time")
    public long creationTime;
    @Column(name = "retention_days")
    public Integer retentionDays;
    @Column(name = "log_group_class")
    public String logGroupClass;
    @Column(name = "kms_key_id")
    public String kmsKeyId;
    @Column(name = "deletion_protection")
    public boolean deletionProtection;
    public String tags;

    public List<Tag> tagList() {
        return JsonColumns.read(tags, new TypeReference<>() { });
    }

    public static Optional<LogGroupView> byName(Caller caller, String name) {
        return find("account = ?1 and region = ?2 and name = ?3", caller.account(), caller.region(), name)
                .firstResultOptional();
    }

    public static Optional<LogGroupView> byArn(String arn) {
        return find("arn", arn).firstResultOptional();
    }

    /** The caller's groups in name order (ASCII, as DescribeLogGroups sorts them). */
    public static List<LogGroupView> of(Caller caller) {
        return list("account = ?1 and region = ?2 order by name", caller.account(), caller.region());
    }
}
