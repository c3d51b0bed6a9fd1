package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.berth.events.EventJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * DescribeTasks' and ListTasks' reads of the task projection, each one JDBC statement (issue 21, ADR
 * 0049): they hold nothing and write nothing, so they need no Hibernate session nor an entity per row,
 * and the task's stored {@code document}, already the JSON of {@link Task} that DescribeTasks shows,
 * goes into the answer as text, without a parse into a tree and a write of it again.
 */
final class TaskReads {

    private static final String DOCUMENTS = "select task_arn, cluster_arn, stopped_at, document, tags"
            + " from task_view where task_arn = any(?)";

    private TaskReads() {
    }

    /** A task's row as DescribeTasks needs it. */
    record Described(String taskArn, String clusterArn, Instant stoppedAt, String document, String tags) {

        /** The task as DescribeTasks shows it, the stored text as it is. */
        JsonNode json(boolean withTags) {
            return EventJson.mapper().getNodeFactory().rawValueNode(new RawValue(text(withTags)));
        }

        /**
         * The stored document, with its {@code tags} member last when asked for (the document has none;
         * the column holds the JSON of the task's tag list), where a parsed tree would have set it.
         */
        String text(boolean withTags) {
            if (!withTags) {
                return document;
            }
            int end = document.lastIndexOf('}');
            boolean empty = document.substring(document.indexOf('{') + 1, end).isBlank();
            return document.substring(0, end) + (empty ? "" : ",") + "\"tags\":" + tags + document.substring(end);
        }
    }

    /** The rows of {@code arns} that exist, by ARN, in one query. */
    static Map<String, Described> described(DataSource dataSource, Collection<String> arns) {
        Map<String, Described> found = new HashMap<>();
        if (arns.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(DOCUMENTS)) {
            s.setArray(1, c.createArrayOf("text", arns.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp stopped = rs.getTimestamp(3);
                    Described row = new Described(rs.getString(1), rs.getString(2),
                            stopped == null ? null : stopped.toInstant(), rs.getString(4), rs.getString(5));
                    found.put(row.taskArn(), row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the tasks " + arns + " failed", e);
        }
        return found;
    }

    /**
     * The ARNs of the tasks {@code where} (SQL over {@code task_view}'s columns, {@code ?} for each of
     * {@code parameters}: strings or instants) selects, in the order it names.
     */
    static List<String> arns(DataSource dataSource, String where, List<Object> parameters) {
        List<String> arns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select task_arn from task_view where " + where)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                if (parameter instanceof Instant instant) {
                    s.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                } else {
                    s.setString(i + 1, (String) parameter);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    arns.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Listing tasks failed", e);
        }
        return arns;
    }
}
