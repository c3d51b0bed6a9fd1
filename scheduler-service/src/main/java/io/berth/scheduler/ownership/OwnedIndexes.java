package io.berth.scheduler.ownership;

import io.berth.eventstore.AccountsForgotten;
import io.berth.scheduler.ownership.PartitionOwnership.OwnershipChanged;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * In-memory state kept per cluster this scheduler decides for: loaded from the database the first
 * time a cluster is used, then following the changes its owner applies after they commit. A change
 * that fails drops the cluster's state, and so does the owner on the occasions it can no longer
 * trust it (a failed decision, a rebalance, a reset); the next use loads it again.
 *
 * <p>A change committed while the state loads either is seen by the load's query or waits for the
 * load to finish and is applied after it; changes therefore have to be idempotent. Decisions and
 * changes of one cluster run one at a time. The beans that extend it inherit the observers that drop
 * every cluster when partitions move between schedulers and after a reset (ADR 0034).
 *
 * @param <I> the state of one cluster
 */
public abstract class OwnedIndexes<I> {

    private final Map<String, Holder<I>> holders = new ConcurrentHashMap<>();

    /** Reads a cluster's state, in the caller's transaction. */
    protected abstract I load(String clusterArn);

    private static final class Holder<I> {
        final ReentrantLock lock = new ReentrantLock();
        I index;
    }

    /** Runs {@code decision} on the cluster's state, loading it first if needed, alone. */
    public <T> T decide(String clusterArn, Function<I, T> decision) {
        Holder<I> holder = holders.computeIfAbsent(clusterArn, k -> new Holder<>());
        holder.lock.lock();
        try {
            if (holder.index == null) {
                holder.index = load(clusterArn);
            }
            return decision.apply(holder.index);
        } catch (RuntimeException e) {
            holder.index = null;
            throw e;
        } finally {
            holder.lock.unlock();
        }
    }

    /** Applies a committed change to the cluster's state if it is loaded; otherwise the load sees it. */
    public void apply(String clusterArn, Consumer<I> change) {
        Holder<I> holder = holders.get(clusterArn);
        if (holder == null) {
            return;
        }
        holder.lock.lock();
        try {
            if (holder.index != null) {
                change.accept(holder.index);
            }
        } catch (RuntimeException e) {
            holder.index = null;
            throw e;
        } finally {
            holder.lock.unlock();
        }
    }

    /** Forgets one cluster's state; the next decision loads it from the database. */
    public void drop(String clusterArn) {
        Holder<I> holder = holders.get(clusterArn);
        if (holder != null) {
            holder.lock.lock();
            try {
                holder.index = null;
            } finally {
                holder.lock.unlock();
            }
        }
    }

    /** Forgets every cluster's state. */
    public void dropAll() {
        holders.keySet().forEach(this::drop);
    }

    /** What was kept for partitions this instance no longer owns, or that another owned meanwhile, is stale. */
    protected void onOwnershipChanged(@Observes OwnershipChanged changed) {
        dropAll();
    }

    /** The next decision loads what a reset left. */
    protected void onAccountsForgotten(@Observes AccountsForgotten forgotten) {
        dropAll();
    }
}
