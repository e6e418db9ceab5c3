package io.conduit.admin.mappings;

import io.conduit.admin.web.CrudController;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/model-mappings")
@Tag(name = "Model mappings", description = "Aliases clients ask for, each served by a provider's model")
public class ModelMappingController extends CrudController<ModelMappingRequest, ModelMappingView> {

    public ModelMappingController(ModelMappingStore store) {
        super(store);
    }
}
