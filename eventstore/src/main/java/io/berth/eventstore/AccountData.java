package io.berth.eventstore;

import java.util.List;

/**
 * What a service keeps of an account beyond its event store: its projections and its copies of other
 * owners' data (ADR 0034). Each service declares one bean; a reset deletes these rows, in this order
 * (dependent rows first), in the transaction that deletes the account's streams.
 */
public interface AccountData {

    List<AccountRows> rows();
}
