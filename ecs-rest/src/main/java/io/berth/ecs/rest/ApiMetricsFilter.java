package io.berth.ecs.rest;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Records every call a resource of the service answers in {@link ApiMetrics}: the API is the first
 * segment of the resource's path ({@code /ecs}, {@code /aas}, {@code /ecr}, {@code /logs},
 * {@code /v1}, {@code /v2}), the operation the method's own path when it names one (the owners'
 * {@code POST /ecs/CreateCluster}) and the method's name otherwise. Both come from the matched
 * resource, never from the request's text, so a client cannot mint tags. Requests no resource
 * matched (404, {@code /q/*}) are not API calls and are not recorded here.
 */
@Provider
public class ApiMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = ApiMetricsFilter.class.getName() + ".started";
    private static final Pattern OPERATION = Pattern.compile("/?[A-Za-z][A-Za-z0-9]*");
    /** Each resource class's API and each resource method's operation, worked out once: they never change. */
    private static final ClassValue<String> APIS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return apiOf(type);
        }
    };
    private static final Map<Method, String> OPERATIONS = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    private final ApiMetrics metrics;

    public ApiMetricsFilter(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (!(started instanceof Long) || method == null || type == null
                || type.isAnnotationPresent(DispatchesOperations.class)) {
            return;
        }
        metrics.record(APIS.get(type), OPERATIONS.computeIfAbsent(method, ApiMetricsFilter::operationOf),
                response.getStatus(),
                response.getHeaderString(EcsExceptionMapper.ERROR_TYPE_HEADER), System.nanoTime() - (Long) started);
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
