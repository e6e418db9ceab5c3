package io.conduit.admin.providers;

import io.conduit.admin.web.CrudController;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/providers")
@Tag(name = "Providers", description = "Upstream providers; api_key is stored encrypted and shown only as api_key_hint")
public class ProviderController extends CrudController<ProviderRequest, ProviderView> {

    public ProviderController(ProviderStore store) {
        super(store);
    }
}
