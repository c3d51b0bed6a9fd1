package io.berth.ecs.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource that answers many operations on one path (the gateway's {@code POST /}): it
 * records each call in {@link ApiMetrics} under the operation it dispatched, so
 * {@link ApiMetricsFilter} leaves its calls alone rather than count them twice under its path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DispatchesOperations {
}
