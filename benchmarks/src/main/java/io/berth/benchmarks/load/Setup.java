package io.berth.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Sends a scenario's setup steps synchronously, before the clock starts; nothing here is measured. */
public final class Setup {

    private final Transport transport;
    private final Ec2Instances ec2;

    Setup(Transport transport) {
        this(transport, Ec2Instances.NONE);
    }

    Setup(Transport transport, Ec2Instances ec2) {
        this.transport = transport;
        this.ec2 = ec2;
    }

    /** EC2 instances for an endpoint that registers container instances only for instances it knows. */
    List<String> runInstances(int count, String instanceType) {
        return ec2.run(count, instanceType);
    }

    /** Sends a step and returns the answer, whatever its status. */
    public EcsResponse call(EcsRequest request) {
        try {
            return transport.send(request).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("Setup step " + request.operation() + " got no answer: " + e.getCause(),
                    e.getCause());
        }
    }

    /** Sends a step that must succeed and returns the answer's body; any other status ends the run. */
    public JsonNode require(EcsRequest request) {
        EcsResponse response = call(request);
        if (!response.successful()) {
            throw new IllegalStateException("Setup step " + request.operation() + " failed with HTTP "
                    + response.status() + ": " + response.body());
        }
        return response.json();
    }
}
