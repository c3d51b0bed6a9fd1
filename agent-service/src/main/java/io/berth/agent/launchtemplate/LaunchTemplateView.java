package io.berth.agent.launchtemplate;

import io.berth.events.AutoScalingEvent.LaunchTemplateCreated;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;

/** A launch template that exists: key columns plus the template as created, as JSON. */
@Entity
@Table(name = "launch_template_view")
public class LaunchTemplateView extends PanacheEntityBase {

    @Id
    @Column(name = "stream_id")
    public String streamId;
    @Column(name = "launch_template_id")
    public String launchTemplateId;
    public String name;
    public String account;
    public String region;
    public long version;
    public String state;

    public LaunchTemplateCreated template() {
        return JsonColumns.read(state, new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }

    /** The caller's template with this id. */
    public static Optional<LaunchTemplateCreated> byId(String account, String region, String id) {
        return LaunchTemplateView.<LaunchTemplateView>find("account = ?1 and region = ?2 and launchTemplateId = ?3",
                account, region, id).firstResultOptional().map(LaunchTemplateView::template);
    }

    /** The caller's template with this name. */
    public static Optional<LaunchTemplateCreated> byName(String account, String region, String name) {
        return LaunchTemplateView.<LaunchTemplateView>find("account = ?1 and region = ?2 and name = ?3",
                account, region, name).firstResultOptional().map(LaunchTemplateView::template);
    }
}
