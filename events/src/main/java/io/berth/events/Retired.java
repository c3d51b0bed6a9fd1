package io.berth.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event type Berth no longer publishes. It keeps its type name and approval file, and consumers keep
 * accepting it, because streams and topics written before the change still hold it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Retired {

    /** The type published in its place. */
    Class<? extends BerthEvent> replacedBy();
}
