package io.conduit.admin.budgets;

import io.conduit.admin.web.CrudController;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/budgets}: spending limits on keys and key groups. */
@RestController
@RequestMapping("/api/budgets")
@Tag(name = "Budgets")
public class BudgetController extends CrudController<BudgetRequest, BudgetView> {

    public BudgetController(BudgetStore store) {
        super(store);
    }
}
