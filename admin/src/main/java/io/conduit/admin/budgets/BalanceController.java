package io.conduit.admin.budgets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/key-groups/{group}/…}: a group's prepaid balance, top-ups and history. */
@RestController
@RequestMapping("/api/key-groups/{group}")
@Tag(name = "Key groups")
public class BalanceController {

    private final BalanceStore balances;

    public BalanceController(BalanceStore balances) {
        this.balances = balances;
    }

    @PostMapping("/top-ups")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add money to the group's prepaid balance")
    public TransactionView topUp(@PathVariable String group, @RequestBody TransactionRequest request) {
        return balances.topUp(group, request);
    }

    @PostMapping("/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Correct the balance by a positive or negative amount")
    public TransactionView adjust(@PathVariable String group, @RequestBody TransactionRequest request) {
        return balances.adjust(group, request);
    }

    @GetMapping("/transactions")
    @Operation(summary = "The balance's transaction history, newest first")
    public Map<String, List<TransactionView>> transactions(@PathVariable String group) {
        return Map.of("data", balances.transactions(group));
    }

    @GetMapping("/balance")
    @Operation(summary = "Credited, spent and remaining")
    public BalanceView balance(@PathVariable String group) {
        return balances.balance(group);
    }
}
