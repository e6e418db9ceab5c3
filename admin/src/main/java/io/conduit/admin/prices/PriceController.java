package io.conduit.admin.prices;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.admin.web.AdminException;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.pricing.Markup;
import io.conduit.contracts.pricing.MarkupScope;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.UnpricedModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The price catalog: entries with their history, markups, import/export, and the models the
 * ledger saw without a price. Model names may contain {@code /}; they are the rest of the path.
 */
@RestController
@Tag(name = "Prices", description = "Dated model prices (never edited into the past), markups, import/export; every change is published to conduit.prices.v1")
public class PriceController {

    private static final Set<String> RESERVED = Set.of("markups", "import", "export", "unpriced");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final PriceStore store;
    private final UnpricedModels unpriced;

    public PriceController(PriceStore store, UnpricedModels unpriced) {
        this.store = store;
        this.unpriced = unpriced;
    }

    /** A list answer with the catalog version it comes from. */
    public record PriceList(List<PriceEntry> data, String version, long revision) {}

    @GetMapping("/api/prices")
    @Operation(summary = "Prices in effect now (or at ?at=), filtered by model (substring) and provider ('*' = any provider)")
    public PriceList list(@RequestParam(required = false) String model, @RequestParam(required = false) String provider,
            @RequestParam(required = false) String at) {
        PriceStore.Version version = store.version();
        return new PriceList(store.inEffect(model, provider, at == null ? Instant.now() : instant(at, "at")),
                version.version(), version.revision());
    }

    @GetMapping("/api/prices/export")
    @Operation(summary = "Every entry (history included) as a JSON array or CSV; POST it to /api/prices/import to restore")
    public ResponseEntity<byte[]> export(@RequestParam(defaultValue = "json") String format) {
        List<PriceEntry> all = store.all();
        return switch (format) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=prices.json")
                    .body(Json.mapper().writeValueAsBytes(all));
            case "csv" -> ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=prices.csv")
                    .body(PriceCsv.write(all).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> throw AdminException.badRequest("format", "'format' must be json or csv.");
        };
    }

    @PostMapping("/api/prices/import")
    @Operation(summary = "Adds prices from a JSON array (application/json) or CSV (text/csv), all or nothing; rows equal to stored entries are left unchanged")
    public PriceStore.ImportResult importPrices(@RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) String body) {
        MediaType type = mediaType(contentType);
        List<PriceStore.Labelled> rows = new ArrayList<>();
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            JsonNode tree = PriceInput.tree(body);
            if (!tree.isArray()) {
                throw AdminException.badRequest(null, "A JSON import is an array of prices.");
            }
            for (int i = 0; i < tree.size(); i++) {
                rows.add(new PriceStore.Labelled("row " + (i + 1), tree.get(i)));
            }
        } else if (type.isCompatibleWith(CSV)) {
            try {
                PriceCsv.read(body == null ? "" : body).forEach(r -> rows.add(new PriceStore.Labelled("line " + r.line(), r.json())));
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest(null, "The CSV is malformed: " + e.getMessage() + ".");
            }
        } else {
            throw new AdminException(415, "invalid_request_error", "unsupported_media_type", null,
                    "Import prices as application/json (an array) or text/csv.");
        }
        return store.importRows(rows);
    }

    /** A model seen without a price, and whether the catalog prices it now. */
    public record UnpricedView(String provider, String model, long calls,
            @JsonProperty("first_seen_at") Instant firstSeenAt, @JsonProperty("last_seen_at") Instant lastSeenAt,
            @JsonProperty("price_version") String priceVersion, @JsonProperty("priced_now") boolean pricedNow) {}

    @GetMapping("/api/prices/unpriced")
    @Operation(summary = "Provider models the ledger recorded calls of without a price (conduit.prices.unpriced.v1)")
    public Map<String, Object> unpriced() {
        PriceCatalog catalog = PriceCatalog.of(store.snapshot());
        Instant now = Instant.now();
        List<UnpricedView> data = new ArrayList<>();
        for (UnpricedModel m : unpriced.list()) {
            data.add(new UnpricedView(m.provider(), m.model(), m.calls(), m.firstSeenAt(), m.lastSeenAt(), m.priceVersion(),
                    catalog.priceFor(m.model(), m.provider(), now).isPresent()));
        }
        return Map.of("data", data, "complete", unpriced.caughtUp());
    }

    @GetMapping("/api/prices/markups")
    @Operation(summary = "Every markup and override, history included")
    public Map<String, List<Markup>> markups() {
        return Map.of("data", store.markups());
    }

    @GetMapping("/api/prices/markups/{scope}/{id}")
    @Operation(summary = "The markups of an alias or key group, oldest first")
    public Map<String, List<Markup>> markupHistory(@PathVariable String scope, @PathVariable String id) {
        List<Markup> history = store.markupHistory(scope(scope), id);
        if (history.isEmpty()) {
            throw AdminException.notFound("Markup", scope + "/" + id);
        }
        return Map.of("data", history);
    }

    @PutMapping("/api/prices/markups/{scope}/{id}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adds a markup ({\"basis_points\":1500}) or override ({\"override\":{\"tokens\":…}}), effective now or at effective_from")
    public Markup putMarkup(@PathVariable String scope, @PathVariable String id, @RequestBody(required = false) String body) {
        return store.putMarkup(scope(scope), id, PriceInput.tree(body));
    }

    @DeleteMapping("/api/prices/markups/{scope}/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Ends the markup of an alias or key group now, or at ?from=")
    public void endMarkup(@PathVariable String scope, @PathVariable String id, @RequestParam(required = false) String from) {
        store.endMarkup(scope(scope), id, from == null ? null : instant(from, "from"));
    }

    /** A model's entries, oldest first per provider. */
    public record History(String model, List<PriceEntry> data) {}

    @GetMapping("/api/prices/{*model}")
    @Operation(summary = "A model's price history: every entry, past, current and scheduled")
    public History history(@PathVariable("model") String path) {
        String model = model(path);
        List<PriceEntry> history = store.history(model);
        if (history.isEmpty()) {
            throw AdminException.notFound("Price of model", model);
        }
        return new History(model, history);
    }

    @PutMapping("/api/prices/{*model}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adds a price entry effective now, or at a later effective_from; earlier entries stay for the past")
    public PriceEntry put(@PathVariable("model") String path, @RequestBody(required = false) String body) {
        String model = model(path);
        if (RESERVED.contains(model)) {
            throw AdminException.badRequest("model", "'" + model + "' is a reserved path, not a model name.");
        }
        return store.put(model, PriceInput.tree(body));
    }

    @DeleteMapping("/api/prices/{*model}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Ends a model's price (for ?provider=, '*' by default) now or at ?from=; scheduled entries after it are dropped")
    public void end(@PathVariable("model") String path, @RequestParam(required = false) String provider,
            @RequestParam(required = false) String from) {
        store.end(model(path), provider, from == null ? null : instant(from, "from"));
    }

    private static String model(String path) {
        String model = path.startsWith("/") ? path.substring(1) : path;
        if (model.isBlank()) {
            throw AdminException.badRequest("model", "The path names no model.");
        }
        return model;
    }

    private static MarkupScope scope(String scope) {
        return MarkupScope.fromWire(scope).orElseThrow(() -> AdminException.badRequest("scope", "'scope' must be alias or key_group."));
    }

    private static Instant instant(String text, String param) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw AdminException.badRequest(param, "'" + param + "' must be an ISO-8601 instant such as 2026-12-01T00:00:00Z.");
        }
    }

    private static MediaType mediaType(String contentType) {
        try {
            return contentType == null ? MediaType.APPLICATION_JSON : MediaType.parseMediaType(contentType);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            throw AdminException.badRequest(null, "The Content-Type is not valid.");
        }
    }
}
