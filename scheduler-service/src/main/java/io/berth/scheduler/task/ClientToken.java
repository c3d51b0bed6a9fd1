package io.berth.scheduler.task;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.events.Shapes.Failure;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** A RunTask {@code clientToken} of a cluster: the hash of its parameters and what it answered. */
@Entity
@Table(name = "client_token")
public class ClientToken extends PanacheEntityBase {

    @EmbeddedId
    public Key key;
    @Column(name = "request_hash")
    public String requestHash;
    @Column(name = "task_arns")
    public String taskArns;
    public String failures;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "cluster_arn")
        public String clusterArn;
        public String token;

        public Key() {
        }

        Key(String clusterArn, String token) {
            this.clusterArn = clusterArn;
            this.token = token;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.clusterArn.equals(clusterArn) && k.token.equals(token);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clusterArn, token);
        }
    }

    static ClientToken find(String clusterArn, String token) {
        return findById(new Key(clusterArn, token));
    }

    static void remember(String clusterArn, String token, String requestHash, List<String> taskArns,
            List<Failure> failures) {
        ClientToken row = new ClientToken();
        row.key = new Key(clusterArn, token);
        row.requestHash = requestHash;
        row.taskArns = JsonColumns.write(taskArns);
        row.failures = JsonColumns.write(failures);
        row.persist();
    }

    List<String> taskArnList() {
        return JsonColumns.read(taskArns, new TypeReference<>() { });
    }

    List<Failure> failureList() {
        return JsonColumns.read(failures, new TypeReference<>() { });
    }
}
