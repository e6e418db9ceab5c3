package io.conduit.admin.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The five endpoints every configuration entity has: list, get, create, update (PATCH or PUT), delete. */
public abstract class CrudController<R, V> {

    private final CrudStore<R, V> store;

    protected CrudController(CrudStore<R, V> store) {
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "List all")
    public Map<String, List<V>> list() {
        return Map.of("data", store.list());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get one by id (providers also by name)")
    public V get(@PathVariable String id) {
        return store.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create")
    public V create(@RequestBody R request) {
        return store.create(request);
    }

    @RequestMapping(value = "/{id}", method = {RequestMethod.PATCH, RequestMethod.PUT})
    @Operation(summary = "Update; absent fields keep their value")
    public V update(@PathVariable String id, @RequestBody R request) {
        return store.update(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete")
    public void delete(@PathVariable String id) {
        store.delete(id);
    }
}
