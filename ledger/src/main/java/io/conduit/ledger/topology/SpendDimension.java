package io.conduit.ledger.topology;

import io.conduit.contracts.spend.SpendRecord;
import java.util.function.Function;

/** What spend is totalled by; each has its own state store in the ledger topology ({@link #storeName()}). */
public enum SpendDimension {
    /** The virtual key: the spend stream is already partitioned by it, so no repartition is needed. */
    KEY("key", SpendRecord::keyId),
    /** The key group (team); records of keys in no group are not counted here. */
    KEY_GROUP("key-group", SpendRecord::keyGroupId),
    /** The model the call was priced as (provider model). */
    MODEL("model", SpendRecord::providerModel),
    PROVIDER("provider", SpendRecord::provider);

    private final String id;
    private final Function<SpendRecord, String> valueOf;

    SpendDimension(String id, Function<SpendRecord, String> valueOf) {
        this.id = id;
        this.valueOf = valueOf;
    }

    public String id() {
        return id;
    }

    /** The record's value of this dimension, null when it has none. */
    public String valueOf(SpendRecord record) {
        String value = valueOf.apply(record);
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code spend-totals-by-key}, {@code spend-totals-by-key-group}, {@code spend-totals-by-model}, {@code spend-totals-by-provider}. */
    public String storeName() {
        return "spend-totals-by-" + id;
    }
}
