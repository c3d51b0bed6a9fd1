package io.berth.scheduler.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of the service projection: the columns ListServices filters on and the whole state, as of the
 * service stream's {@code version}.
 */
@Entity
@Table(name = "service_view")
public class ServiceView extends PanacheEntityBase {

    @Id
    @Column(name = "service_arn")
    public String serviceArn;
    public String account;
    public String region;
    @Column(name = "cluster_arn")
    public String clusterArn;
    @Column(name = "service_name")
    public String serviceName;
    public String status;
    @Column(name = "launch_type")
    public String launchType;
    @Column(name = "scheduling_strategy")
    public String schedulingStrategy;
    @Column(name = "client_token")
    public String clientToken;
    public long version;
    public String state;

    public ServiceState toState() {
        return JsonColumns.read(state, new TypeReference<>() { });
    }

    /** Makes the row hold {@code next}, as of the stream's {@code streamVersion}. */
    void hold(ServiceState next, long streamVersion) {
        serviceArn = next.spec().serviceArn();
        clusterArn = next.spec().clusterArn();
        serviceName = next.spec().serviceName();
        clientToken = next.clientToken();
        state = JsonColumns.write(next);
        status = next.status().name();
        launchType = next.spec().launchType();
        schedulingStrategy = next.spec().schedulingStrategy().name();
        version = streamVersion;
    }
}
