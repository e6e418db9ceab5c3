package io.conduit.admin.keys;

import io.conduit.admin.web.CrudController;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/virtual-keys")
@Tag(name = "Virtual keys", description = "Keys clients call the gateway with (condt_…); create returns the key once")
public class VirtualKeyController extends CrudController<VirtualKeyRequest, VirtualKeyView> {

    public VirtualKeyController(VirtualKeyStore store) {
        super(store);
    }
}
