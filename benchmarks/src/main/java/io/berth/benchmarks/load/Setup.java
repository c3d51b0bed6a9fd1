package io.berth.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionException;

/** Sends a scenario's setup steps synchronously, before the clock starts; nothing here is measured. */
public final class Setup {

    private final Transport transport;

    Setup(Transport transport) {
        this.transport = transport;
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
