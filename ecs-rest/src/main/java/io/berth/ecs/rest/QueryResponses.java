package io.berth.ecs.rest;

import io.berth.ecs.EcsException;
import io.berth.ecs.query.QueryDialect;
import io.berth.ecs.query.QueryException;
import io.berth.ecs.query.Xml;
import jakarta.ws.rs.core.Response;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The JAX-RS side of a Query-protocol face (Auto Scaling, EC2): runs an operation and answers with its
 * XML, or with the API's error envelope, status and {@code x-amzn-ErrorType}, for a {@link QueryException}
 * and for the errors of the shared request pieces ({@link EcsException}), which keep their code.
 */
public final class QueryResponses {

    public static final String XML = "text/xml";

    private QueryResponses() {
    }

    /**
     * Runs {@code operation}, which returns how to fill the answer's result (null for an operation
     * without output).
     */
    public static Response answer(QueryDialect dialect, String action, String requestId,
            Supplier<Consumer<Xml>> operation) {
        try {
            Consumer<Xml> result = operation.get();
            return Response.ok(dialect.answer(action, requestId, result), XML).build();
        } catch (QueryException e) {
            return error(dialect, e, requestId);
        } catch (EcsException e) {
            return error(dialect, new QueryException(e.code(), e.getMessage(), e.status()), requestId);
        }
    }

    public static Response error(QueryDialect dialect, QueryException e, String requestId) {
        return Response.status(e.status()).type(XML).header(EcsExceptionMapper.ERROR_TYPE_HEADER, e.code())
                .entity(dialect.error(e, requestId)).build();
    }
}
