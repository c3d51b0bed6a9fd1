package io.berth.ecs.rest;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.regex.Pattern;

/**
 * Records every call a resource method of the service answers in {@link ApiMetrics}: the API is the
 * first segment of the resource's path ({@code /ecs}, {@code /aas}, {@code /ecr}, {@code /logs},
 * {@code /v1}, {@code /v2}), the operation the method's own path when it names one (the owners'
 * {@code POST /ecs/CreateCluster}) and the method's name otherwise. Both come from the resource
 * method, never from the request's text, so a client cannot mint tags. Requests no resource matched
 * (404, {@code /q/*}) are not API calls and are not recorded here.
 */
public final class ApiMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = ApiMetricsFilter.class.getName() + ".started";
    private static final Pattern OPERATION = Pattern.compile("/?[A-Za-z][A-Za-z0-9]*");

    private final ApiMetrics metrics;
    private final String api;
    private final String operation;

    ApiMetricsFilter(ApiMetrics metrics, String api, String operation) {
        this.metrics = metrics;
        this.api = api;
        this.operation = operation;
    }

    /**
     * Gives each resource method a filter of its own, with its tags worked out once, and none to a
     * resource that is {@link DispatchesOperations}: it records its calls itself, and a filter that only
     * looks and leaves would still cost each of its calls two invocations (ADR 0086).
     */
    @Provider
    public static class Binding implements DynamicFeature {

        private final ApiMetrics metrics;

        public Binding(ApiMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void configure(ResourceInfo resource, FeatureContext context) {
            Class<?> type = resource.getResourceClass();
            Method method = resource.getResourceMethod();
            if (type != null && method != null && !type.isAnnotationPresent(DispatchesOperations.class)) {
                context.register(new ApiMetricsFilter(metrics, apiOf(type), operationOf(method)));
            }
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            metrics.record(api, operation, response.getStatus(),
                    response.getHeaderString(EcsExceptionMapper.ERROR_TYPE_HEADER), System.nanoTime() - started);
        }
    }

    static String apiOf(Class<?> type) {
        Path path = type.getAnnotation(Path.class);
        String value = path == null ? "" : path.value().replaceAll("^/+", "");
        int slash = value.indexOf('/');
        String first = slash < 0 ? value : value.substring(0, slash);
        return first.isEmpty() ? "root" : first;
    }

    static String operationOf(Method method) {
        Path path = method.getAnnotation(Path.class);
        return path != null && OPERATION.matcher(path.value()).matches() ? path.value().replace("/", "")
                : method.getName();
    }
}
