package io.conduit.admin.budgets;

import io.conduit.admin.web.CrudController;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/key-groups}: teams of keys. */
@RestController
@RequestMapping("/api/key-groups")
@Tag(name = "Key groups")
public class KeyGroupController extends CrudController<KeyGroupRequest, KeyGroupView> {

    public KeyGroupController(KeyGroupStore store) {
        super(store);
    }
}
