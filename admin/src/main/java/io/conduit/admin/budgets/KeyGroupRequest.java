package io.conduit.admin.budgets;

import java.util.Map;

/**
 * A key group (team): keys belong to at most one; budgets and a prepaid balance may apply to it.
 *
 * @param name unique name
 * @param metadata free-form labels
 */
public record KeyGroupRequest(String name, Map<String, Object> metadata) {}
