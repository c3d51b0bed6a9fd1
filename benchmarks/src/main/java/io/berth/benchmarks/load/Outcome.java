package io.berth.benchmarks.load;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How one request ended, as the figures count it: a 2xx answer, a client error named by its
 * {@code __type}, a 5xx answer, or no answer at all.
 */
sealed interface Outcome permits Outcome.Ok, Outcome.ClientError, Outcome.ServerError, Outcome.TransportError {

    /** A 2xx answer. */
    record Ok() implements Outcome {
    }

    /**
     * A 4xx answer (or any other status that is neither 2xx nor 5xx), named by the {@code __type} of
     * its body, or by {@code HTTP <status>} when the body carries none.
     */
    record ClientError(String type) implements Outcome {
    }

    /** A 5xx answer. */
    record ServerError() implements Outcome {
    }

    /** No answer: the connection failed or the request timed out; named by the exception's class. */
    record TransportError(String type) implements Outcome {
    }

    /** The outcome of an answered request. */
    static Outcome of(EcsResponse response) {
        if (response.successful()) {
            return new Ok();
        }
        if (response.status() >= 500 && response.status() < 600) {
            return new ServerError();
        }
        String type = response.json().path("__type").asText("");
        return new ClientError(type.isBlank() ? "HTTP " + response.status() : bareErrorCode(type));
    }

    /** The outcome of a request that got no answer. */
    static Outcome of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return new TransportError(cause.getClass().getSimpleName());
    }

    /**
     * The error code as the AWS SDKs read it: {@code com.amazonaws.ecs#ClusterNotFoundException} and
     * {@code ClusterNotFoundException:http://...} both name {@code ClusterNotFoundException}.
     */
    private static String bareErrorCode(String type) {
        String code = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
        return code.substring(code.lastIndexOf('#') + 1);
    }
}
