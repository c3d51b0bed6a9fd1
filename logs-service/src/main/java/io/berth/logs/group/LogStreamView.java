package io.berth.logs.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;

/** A row of the log stream projection. */
@Entity
@Table(name = "log_stream")
public class LogStreamView extends PanacheEntityBase {

    @Id
    @Column(name = "stream_key")
    public UUID streamKey;
    @Column(name = "group_key")
    public UUID groupKey;
    public String name;
    @Column(name = "creation_time")
    public long creationTime;

    public static Optional<LogStreamView> of(UUID groupKey, String name) {
        return find("groupKey = ?1 and name = ?2", groupKey, name).firstResultOptional();
    }
}
