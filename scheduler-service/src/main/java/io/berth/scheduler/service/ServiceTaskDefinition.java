package io.berth.scheduler.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A task definition revision a service runs, kept so the reconciler can place its tasks. */
@Entity
@Table(name = "service_task_definition")
public class ServiceTaskDefinition extends PanacheEntityBase {

    @Id
    @Column(name = "task_definition_arn")
    public String taskDefinitionArn;
    public String definition;

    public static void remember(ObjectNode taskDefinition) {
        String arn = taskDefinition.path("taskDefinitionArn").asText();
        if (findById(arn) == null) {
            ServiceTaskDefinition row = new ServiceTaskDefinition();
            row.taskDefinitionArn = arn;
            row.definition = JsonColumns.write(taskDefinition);
            row.persist();
        }
    }

    public static ObjectNode of(String arn) {
        ServiceTaskDefinition row = findById(arn);
        return row == null ? null : (ObjectNode) JsonColumns.tree(row.definition);
    }
}
