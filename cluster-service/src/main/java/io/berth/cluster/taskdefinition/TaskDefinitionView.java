package io.berth.cluster.taskdefinition;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the task definition projection: one revision, its described form and tags as JSON. */
@Entity
@Table(name = "task_definition_view")
public class TaskDefinitionView extends PanacheEntityBase {

    @Id
    @Column(name = "task_definition_arn")
    public String taskDefinitionArn;
    public String account;
    public String region;
    public String family;
    public int revision;
    public String status;
    public String definition;
    public String tags;
}
