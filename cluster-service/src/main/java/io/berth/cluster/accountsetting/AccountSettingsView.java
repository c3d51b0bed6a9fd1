package io.berth.cluster.accountsetting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The account settings of one account and region, folded, as JSON. */
@Entity
@Table(name = "account_settings_view")
public class AccountSettingsView extends PanacheEntityBase {

    @Id
    @Column(name = "stream_id")
    public String streamId;
    public String account;
    public String region;
    public String state;
}
