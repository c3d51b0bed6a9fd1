package io.berth.gateway.routing;

import java.util.Set;

/**
 * Every Amazon CloudWatch Logs operation of the service model (115). The logs-service answers the ones log groups,
 * streams, their events, retention, tags and the awslogs driver need; {@code docs/api.md} lists all with their
 * status. StartLiveTail streams over HTTP/2 event streams rather than JSON 1.1, and is not served.
 */
public final class LogsOperations {

    public static final String TARGET_PREFIX = "Logs_20140328.";

    private static final Set<String> ALL = Set.of(
            "AssociateKmsKey", "CancelExportTask", "CancelImportTask", "CreateDelivery", "CreateExportTask",
            "CreateImportTask", "CreateLogAnomalyDetector", "CreateLogGroup", "CreateLogStream", "CreateLookupTable",
            "CreateScheduledQuery", "DeleteAccountPolicy", "DeleteDataProtectionPolicy", "DeleteDelivery",
            "DeleteDeliveryDestination", "DeleteDeliveryDestinationPolicy", "DeleteDeliverySource", "DeleteDestination",
            "DeleteIndexPolicy", "DeleteIntegration", "DeleteLogAnomalyDetector", "DeleteLogGroup", "DeleteLogStream",
            "DeleteLookupTable", "DeleteMetricFilter", "DeleteQueryDefinition", "DeleteResourcePolicy",
            "DeleteRetentionPolicy", "DeleteScheduledQuery", "DeleteSubscriptionFilter", "DeleteSyslogConfiguration",
            "DeleteTransformer", "DescribeAccountPolicies", "DescribeConfigurationTemplates", "DescribeDeliveries",
            "DescribeDeliveryDestinations", "DescribeDeliverySources", "DescribeDestinations", "DescribeExportTasks",
            "DescribeFieldIndexes", "DescribeImportTaskBatches", "DescribeImportTasks", "DescribeIndexPolicies",
            "DescribeLogGroups", "DescribeLogStreams", "DescribeLookupTables", "DescribeMetricFilters",
            "DescribeQueries", "DescribeQueryDefinitions", "DescribeResourcePolicies", "DescribeSubscriptionFilters",
            "DisassociateKmsKey", "FilterLogEvents", "GetDataProtectionPolicy", "GetDelivery", "GetDeliveryDestination",
            "GetDeliveryDestinationPolicy", "GetDeliverySource", "GetIntegration", "GetLogAnomalyDetector",
            "GetLogEvents", "GetLogFields", "GetLogGroupFields", "GetLogObject", "GetLogRecord", "GetLookupTable",
            "GetQueryResults", "GetScheduledQuery", "GetScheduledQueryHistory", "GetStorageTierPolicy",
            "GetTransformer", "ListAggregateLogGroupSummaries", "ListAnomalies", "ListIntegrations",
            "ListLogAnomalyDetectors", "ListLogGroups", "ListLogGroupsForQuery", "ListScheduledQueries",
            "ListSyslogConfigurations", "ListTagsForResource", "ListTagsLogGroup", "PutAccountPolicy",
            "PutBearerTokenAuthentication", "PutDataProtectionPolicy", "PutDeliveryDestination",
            "PutDeliveryDestinationPolicy", "PutDeliverySource", "PutDestination", "PutDestinationPolicy",
            "PutIndexPolicy", "PutIntegration", "PutLogEvents", "PutLogGroupDeletionProtection", "PutMetricFilter",
            "PutQueryDefinition", "PutResourcePolicy", "PutRetentionPolicy", "PutStorageTierPolicy",
            "PutSubscriptionFilter", "PutSyslogConfiguration", "PutTransformer", "StartLiveTail", "StartQuery",
            "StopQuery", "TagLogGroup", "TagResource", "TestMetricFilter", "TestTransformer", "UntagLogGroup",
            "UntagResource", "UpdateAnomaly", "UpdateDeliveryConfiguration", "UpdateLogAnomalyDetector",
            "UpdateLookupTable", "UpdateScheduledQuery");
    private static final Set<String> IMPLEMENTED = Set.of("CreateLogGroup", "DeleteLogGroup", "DescribeLogGroups",
            "ListLogGroups", "PutRetentionPolicy", "DeleteRetentionPolicy", "PutLogGroupDeletionProtection",
            "TagResource", "UntagResource", "ListTagsForResource", "TagLogGroup", "UntagLogGroup", "ListTagsLogGroup",
            "CreateLogStream", "DeleteLogStream", "DescribeLogStreams", "PutLogEvents", "GetLogEvents",
            "FilterLogEvents", "TestMetricFilter");

    /** Every Logs error shape has a lower-case {@code message}; the service's own failure is unavailability. */
    public static final ApiFace FACE = new ApiFace("logs", "CloudWatch Logs", TARGET_PREFIX, ALL,
            ApiFace.ownedBy(Owner.LOGS_SERVICE, IMPLEMENTED), "/logs/",
            new ApiFace.ErrorFormat("message", "ServiceUnavailableException"));

    private LogsOperations() {
    }
}
