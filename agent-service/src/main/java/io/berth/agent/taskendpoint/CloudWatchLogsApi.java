package io.berth.agent.taskendpoint;

import io.berth.agent.awslogs.LogsApi;
import io.berth.agent.runtime.TaskSpec;
import io.berth.ecs.credentials.SessionCredentials.Credentials;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;

/**
 * The awslogs driver's calls, made as Docker's driver makes them: with the AWS SDK, to the CloudWatch Logs endpoint
 * ({@code BERTH_LOGS_ENDPOINT}, Berth's gateway), in the group's region, signed with credentials of the task's
 * execution role (the instance's own without one) that this agent issues itself. The gateway therefore sees, and
 * logs, which task's agent wrote what, and checks the signature when signatures are checked.
 */
@ApplicationScoped
public class CloudWatchLogsApi implements LogsApi {

    private final URI endpoint;
    private final TaskIdentities identities;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final Map<String, CloudWatchLogsClient> clients = new ConcurrentHashMap<>();

    public CloudWatchLogsApi(@ConfigProperty(name = "berth.agent.logs.endpoint") URI endpoint,
            TaskIdentities identities) {
        this.endpoint = endpoint;
        this.identities = identities;
    }

    void close(@Observes ShutdownEvent event) {
        clients.values().forEach(CloudWatchLogsClient::close);
        http.close();
    }

    @Override
    public void createLogGroup(TaskSpec task, String region, String group) throws LogsApiException {
        call(() -> client(region).createLogGroup(r -> r.logGroupName(group).overrideConfiguration(as(task))));
    }

    @Override
    public void createLogStream(TaskSpec task, String region, String group, String stream) throws LogsApiException {
        call(() -> client(region).createLogStream(r -> r.logGroupName(group).logStreamName(stream)
                .overrideConfiguration(as(task))));
    }

    @Override
    public void putLogEvents(TaskSpec task, String region, String group, String stream, List<Event> events)
            throws LogsApiException {
        List<InputLogEvent> input = events.stream().map(e -> InputLogEvent.builder().timestamp(e.timestamp())
                .message(e.message()).build()).toList();
        call(() -> client(region).putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(input)
                .overrideConfiguration(as(task))));
    }

    @Override
    public Optional<Instant> lastEventTime(TaskSpec task, String region, String group, String stream)
            throws LogsApiException {
        List<LogStream> streams = call(() -> client(region).describeLogStreams(r -> r.logGroupName(group)
                .logStreamNamePrefix(stream).overrideConfiguration(as(task))).logStreams());
        return streams.stream().filter(s -> s.logStreamName().equals(stream)).findFirst()
                .map(s -> s.lastEventTimestamp() == null ? Instant.EPOCH
                        : Instant.ofEpochMilli(s.lastEventTimestamp()));
    }

    /**
     * Every event of a stream, oldest first, each message a line: what Berth's {@code /v1} logs path shows, read as
     * the account's container instances read, at most {@code maxEvents} of them.
     */
    public String read(String account, String region, String group, String stream, int maxEvents)
            throws LogsApiException {
        Credentials credentials = identities.issue(account, null, "arn:aws:iam::" + account + ":role/ecsInstanceRole",
                io.berth.ecs.credentials.SessionCredentials.INSTANCE);
        StringBuilder text = new StringBuilder();
        String token = null;
        int events = 0;
        while (events < maxEvents) {
            String from = token;
            var page = call(() -> client(region).getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                    .startFromHead(true).nextToken(from).overrideConfiguration(as(credentials))));
            page.events().forEach(event -> text.append(event.message()).append('\n'));
            events += page.events().size();
            if (page.events().isEmpty() || page.nextForwardToken().equals(from)) {
                break;
            }
            token = page.nextForwardToken();
        }
        return text.toString();
    }

    private AwsRequestOverrideConfiguration as(TaskSpec task) {
        return as(identities.forAgent(task));
    }

    private static AwsRequestOverrideConfiguration as(Credentials credentials) {
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken()))).build();
    }

    private CloudWatchLogsClient client(String region) {
        return clients.computeIfAbsent(region, r -> CloudWatchLogsClient.builder().endpointOverride(endpoint)
                .region(Region.of(r)).httpClient(http).credentialsProvider(AnonymousCredentialsProvider.create())
                .build());
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> call) throws LogsApiException {
        try {
            return call.run();
        } catch (CloudWatchLogsException e) {
            String code = e.awsErrorDetails() == null ? "ServiceUnavailableException" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new LogsApiException(code, message, e.statusCode() >= 500 || e.isThrottlingException());
        } catch (SdkClientException e) {
            throw new LogsApiException("ServiceUnavailableException", e.getMessage(), true);
        }
    }
}
