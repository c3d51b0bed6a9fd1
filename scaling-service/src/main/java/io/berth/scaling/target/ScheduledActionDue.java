package io.berth.scaling.target;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The next run of one scheduled action; none once a schedule has no further run. */
@Entity
@Table(name = "scheduled_action_due")
public class ScheduledActionDue extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "stream_key")
    public String streamKey;
    public String name;
    @Column(name = "next_run_at")
    public Instant nextRunAt;

    static String idOf(String streamKey, String name) {
        return streamKey + "|" + name;
    }

    public static List<ScheduledActionDue> dueAt(Instant now, int limit) {
        return find("nextRunAt <= ?1 order by nextRunAt", now).page(0, limit).list();
    }
}
