package io.conduit.admin.web;

import java.util.List;

/** A configuration entity's store as the admin API uses it. */
public interface CrudStore<R, V> {

    List<V> list();

    V get(String id);

    V create(R request);

    /** Partial update: absent (null) fields keep their value. */
    V update(String id, R request);

    void delete(String id);
}
