package io.conduit.admin.prices;

import io.conduit.admin.web.AdminException;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.pricing.Markup;
import io.conduit.contracts.pricing.MarkupScope;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.PriceRates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prices and markups in PostgreSQL ({@code model_prices}, {@code price_markups}, {@code price_catalog}).
 * Every change runs in one transaction that locks the catalog row, bumps the revision, and publishes
 * the resulting catalog to {@code conduit.prices.v1} before committing: if Kafka does not take it,
 * nothing changes (503). Changes never touch the past: new entries start now or later, and ending a
 * price sets an end now or later.
 */
public class PriceStore {

    private static final Logger log = LoggerFactory.getLogger(PriceStore.class);

    /** A change of the catalog, run under the catalog lock with the instant it happens at and the version it makes. */
    interface Change<T> {
        T apply(Instant now, String version);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PricePublisher publisher;
    private final Clock clock;

    public PriceStore(DataSource dataSource, PricePublisher publisher, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.publisher = publisher;
        this.clock = clock;
    }

    // ---- reading

    /** Entries in effect at {@code at}, optionally only models containing {@code model} and of {@code provider}. */
    public List<PriceEntry> inEffect(String model, String provider, Instant at) {
        return jdbc.sql("""
                        select p.entry, p.effective_from, p.effective_until from model_prices p
                        where p.effective_from <= :at
                          and (:model::text is null or position(lower(:model::text) in lower(p.model)) > 0)
                          and (:provider::text is null or p.provider = :provider::text)
                          and not exists (select 1 from model_prices later where later.model = p.model
                              and later.provider = p.provider and later.effective_from > p.effective_from
                              and later.effective_from <= :at)
                          and (p.effective_until is null or p.effective_until > :at)
                        order by p.model, p.provider""")
                .param("at", timestamp(at))
                .param("model", blankToNull(model))
                .param("provider", blankToNull(provider))
                .query((rs, n) -> entry(rs))
                .list();
    }

    /** Every entry of a model (all providers), oldest first. */
    public List<PriceEntry> history(String model) {
        return jdbc.sql("select entry, effective_from, effective_until from model_prices where model = ? order by provider, effective_from")
                .param(model)
                .query((rs, n) -> entry(rs))
                .list();
    }

    public List<PriceEntry> all() {
        return jdbc.sql("select entry, effective_from, effective_until from model_prices order by model, provider, effective_from")
                .query((rs, n) -> entry(rs))
                .list();
    }

    public List<Markup> markups() {
        return jdbc.sql("select * from price_markups order by scope, target, effective_from").query((rs, n) -> markup(rs)).list();
    }

    public List<Markup> markupHistory(MarkupScope scope, String id) {
        return jdbc.sql("select * from price_markups where scope = ? and target = ? order by effective_from")
                .params(scope.wireName(), id)
                .query((rs, n) -> markup(rs))
                .list();
    }

    /** The stored catalog's revision and version. */
    public record Version(long revision, String version) {}

    public Version version() {
        return jdbc.sql("select revision, version from price_catalog")
                .query((rs, n) -> new Version(rs.getLong(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("the price catalog has not been seeded"));
    }

    /** The catalog as stored: what the last change published. */
    public PriceCatalogSnapshot snapshot() {
        return jdbc.sql("select revision, version, published_at, source from price_catalog")
                .query((rs, n) -> new PriceCatalogSnapshot(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        "USD", rs.getString(4), all(), markups()))
                .optional()
                .orElseThrow(() -> new IllegalStateException("the price catalog has not been seeded"));
    }

    // ---- changing

    /** Adds a price entry (effective now when the body gives no {@code effective_from}). */
    public PriceEntry put(String model, tools.jackson.databind.JsonNode body) {
        return change((now, version) -> {
            PriceEntry entry = valid(() -> PriceInput.entry(body, model, now), null);
            return add(entry.source() == null ? entry.withSource("admin") : entry, now, false, null).orElse(entry);
        });
    }

    /** Ends a model's price (of one provider, {@code *} by default) from {@code from} (now when null). */
    public void end(String model, String provider, Instant from) {
        change((now, version) -> {
            Instant at = from == null ? now : notPast(from, now, "from");
            String p = provider == null || provider.isBlank() ? PriceEntry.ANY_PROVIDER : provider.strip();
            int removed = jdbc.sql("delete from model_prices where model = ? and provider = ? and effective_from >= ?")
                    .params(model, p, timestamp(at)).update();
            int ended = jdbc.sql("""
                            update model_prices set effective_until = :at
                            where model = :model and provider = :provider and effective_from < :at
                              and (effective_until is null or effective_until > :at)""")
                    .param("at", timestamp(at)).param("model", model).param("provider", p)
                    .update();
            if (removed + ended == 0) {
                throw AdminException.notFound("A price of model '" + model + "' for provider '" + p + "' in effect at " + at
                        + " or later; model", model);
            }
            return null;
        });
    }

    /** What an import did. */
    public record ImportResult(int added, int unchanged, String version) {}

    /**
     * Adds every row or none. A row identical to a stored entry (an export imported again) is left as
     * it is; a new row must start now or later, or replace a scheduled (future) entry.
     *
     * @param rows row label (e.g. {@code row 3}, {@code line 4}) and the row as JSON
     */
    public ImportResult importRows(List<Labelled> rows) {
        if (rows.isEmpty()) {
            throw AdminException.badRequest(null, "The import has no rows.");
        }
        return change((now, version) -> {
            List<String> errors = new java.util.ArrayList<>();
            List<PriceEntry> entries = new java.util.ArrayList<>();
            for (Labelled row : rows) {
                try {
                    if (row.json().has("_error")) {
                        throw new IllegalArgumentException(row.json().get("_error").asString());
                    }
                    PriceEntry entry = PriceInput.entry(row.json(), null, now);
                    entries.add(entry.source() == null ? entry.withSource("import") : entry);
                } catch (IllegalArgumentException | AdminException e) {
                    errors.add(row.label() + ": " + e.getMessage());
                }
            }
            int added = 0;
            int unchanged = 0;
            for (int i = 0; i < entries.size() && errors.isEmpty(); i++) {
                try {
                    if (add(entries.get(i), now, true, rows.get(i).label()).isPresent()) {
                        added++;
                    } else {
                        unchanged++;
                    }
                } catch (AdminException e) {
                    errors.add(e.getMessage());
                }
            }
            if (!errors.isEmpty()) {
                throw AdminException.badRequest(null, errors.size() + (errors.size() == 1 ? " row is" : " rows are")
                        + " invalid; nothing was imported. " + String.join(" ", errors.subList(0, Math.min(20, errors.size())))
                        + (errors.size() > 20 ? " …" : ""));
            }
            return new ImportResult(added, unchanged, version);
        });
    }

    /** A row of an import and how to name it in an error. */
    public record Labelled(String label, tools.jackson.databind.JsonNode json) {}

    public Markup putMarkup(MarkupScope scope, String id, tools.jackson.databind.JsonNode body) {
        return change((now, version) -> {
            Markup markup = valid(() -> PriceInput.markup(scope, id, body, now), null);
            notPast(markup.effectiveFrom(), now, "effective_from");
            Optional<Markup> same = markupHistory(scope, markup.id()).stream()
                    .filter(m -> m.effectiveFrom().equals(markup.effectiveFrom())).findFirst();
            if (same.isPresent() && !same.get().effectiveFrom().isAfter(now)) {
                throw AdminException.conflict("price_exists", "A markup of " + markup.key() + " already starts at " + markup.effectiveFrom() + ".");
            }
            jdbc.sql("""
                            insert into price_markups (scope, target, effective_from, effective_until, basis_points, override)
                            values (?, ?, ?, ?, ?, ?::jsonb)
                            on conflict (scope, target, effective_from) do update set effective_until = excluded.effective_until,
                                basis_points = excluded.basis_points, override = excluded.override""")
                    .params(scope.wireName(), markup.id(), timestamp(markup.effectiveFrom()), timestamp(markup.effectiveUntil()),
                            markup.basisPoints(), markup.override() == null ? null : Json.mapper().writeValueAsString(markup.override()))
                    .update();
            return markup;
        });
    }

    public void endMarkup(MarkupScope scope, String id, Instant from) {
        change((now, version) -> {
            Instant at = from == null ? now : notPast(from, now, "from");
            int removed = jdbc.sql("delete from price_markups where scope = ? and target = ? and effective_from >= ?")
                    .params(scope.wireName(), id, timestamp(at)).update();
            int ended = jdbc.sql("""
                            update price_markups set effective_until = :at
                            where scope = :scope and target = :id and effective_from < :at
                              and (effective_until is null or effective_until > :at)""")
                    .param("at", timestamp(at)).param("scope", scope.wireName()).param("id", id)
                    .update();
            if (removed + ended == 0) {
                throw AdminException.notFound("Markup", scope.wireName() + "/" + id);
            }
            return null;
        });
    }

    // ---- seeding and publishing

    /** Seeds the tables from the bundled catalog on the first start (an empty catalog); later starts change nothing. */
    public boolean seedIfEmpty(PriceCatalog bundled) {
        Boolean seeded = transactions.execute(status -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            int inserted = jdbc.sql("""
                            insert into price_catalog (id, revision, version, published_at, source)
                            values (true, ?, ?, ?, ?) on conflict (id) do nothing""")
                    .params(bundled.revision() + 1, version(now, bundled.revision() + 1), timestamp(now), bundled.snapshot().source())
                    .update();
            if (inserted == 0) {
                return false;
            }
            for (PriceEntry entry : bundled.snapshot().prices()) {
                insert(entry);
            }
            return true;
        });
        return Boolean.TRUE.equals(seeded);
    }

    /** Publishes the stored catalog again (at start: heals a publish that was lost); never throws. */
    public void republish() {
        try {
            PriceCatalogSnapshot snapshot = snapshot();
            publisher.publish(snapshot);
            log.info("Published price catalog {} ({} prices, {} markups)", snapshot.version(), snapshot.prices().size(),
                    snapshot.markups().size());
        } catch (RuntimeException e) {
            log.warn("Could not publish the price catalog at start ({}); readers keep their last catalog until the next change",
                    e.getMessage());
        }
    }

    private <T> T change(Change<T> change) {
        try {
            return transactions.execute(status -> {
                long revision = jdbc.sql("select revision from price_catalog for update").query(Long.class).optional()
                        .orElseThrow(() -> new IllegalStateException("the price catalog has not been seeded"));
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                String version = version(now, revision + 1);
                T result = change.apply(now, version);
                jdbc.sql("update price_catalog set revision = ?, version = ?, published_at = ?")
                        .params(revision + 1, version, timestamp(now))
                        .update();
                publisher.publish(snapshot());
                return result;
            });
        } catch (PricePublisher.NotPublished e) {
            log.warn("Price change not made: {}", e.getMessage());
            throw new AdminException(503, "api_error", "prices_not_published", null,
                    "The price catalog could not be published to Kafka, so nothing was changed. Try again.");
        }
    }

    /**
     * Stores an entry. Returns it when added; empty when an identical entry exists (imports only).
     * A new entry starts now or later; one starting at the same instant as a scheduled entry replaces it.
     */
    private Optional<PriceEntry> add(PriceEntry entry, Instant now, boolean identicalIsUnchanged, String label) {
        String prefix = label == null ? "" : label + ": ";
        Optional<PriceEntry> existing = jdbc.sql("""
                        select entry, effective_from, effective_until from model_prices
                        where model = ? and provider = ? and effective_from = ?""")
                .params(entry.model(), entry.provider(), timestamp(entry.effectiveFrom()))
                .query((rs, n) -> entry(rs)).optional();
        if (identicalIsUnchanged && existing.isPresent() && sameIgnoringSource(existing.get(), entry)) {
            return Optional.empty();
        }
        if (entry.effectiveFrom().isBefore(now)) {
            throw AdminException.badRequest("effective_from", prefix + "'effective_from' " + entry.effectiveFrom()
                    + " is in the past: prices that already applied are never rewritten. Omit it to start now.");
        }
        if (existing.isPresent() && !existing.get().effectiveFrom().isAfter(now)) {
            throw AdminException.conflict("price_exists", prefix + "a price of '" + entry.model() + "' for provider '"
                    + entry.provider() + "' already starts at " + entry.effectiveFrom() + ".");
        }
        jdbc.sql("delete from model_prices where model = ? and provider = ? and effective_from = ?")
                .params(entry.model(), entry.provider(), timestamp(entry.effectiveFrom())).update();
        insert(entry);
        return Optional.of(entry);
    }

    private void insert(PriceEntry entry) {
        jdbc.sql("""
                        insert into model_prices (model, provider, effective_from, effective_until, entry)
                        values (?, ?, ?, ?, ?::jsonb)""")
                .params(entry.model(), entry.provider(), timestamp(entry.effectiveFrom()), timestamp(entry.effectiveUntil()),
                        Json.mapper().writeValueAsString(entry))
                .update();
    }

    private static boolean sameIgnoringSource(PriceEntry a, PriceEntry b) {
        return a.withSource(null).equals(b.withSource(null));
    }

    private static <T> T valid(java.util.function.Supplier<T> parse, String label) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(null, (label == null ? "" : label + ": ") + capitalized(e.getMessage()) + ".");
        }
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty() ? "Invalid price" : message.substring(0, 1).toUpperCase(Locale.ROOT) + message.substring(1);
    }

    private static Instant notPast(Instant at, Instant now, String param) {
        if (at.isBefore(now)) {
            throw AdminException.badRequest(param, "'" + param + "' " + at + " is in the past: what already applied is never rewritten.");
        }
        return at;
    }

    static String version(Instant at, long revision) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate() + "." + revision;
    }

    private static PriceEntry entry(ResultSet rs) throws SQLException {
        PriceEntry stored = Json.mapper().readValue(rs.getString("entry"), PriceEntry.class);
        return stored.during(instant(rs.getTimestamp("effective_from")), instant(rs.getTimestamp("effective_until")));
    }

    private static Markup markup(ResultSet rs) throws SQLException {
        String override = rs.getString("override");
        Integer basisPoints = (Integer) rs.getObject("basis_points");
        return new Markup(MarkupScope.fromWire(rs.getString("scope")).orElseThrow(), rs.getString("target"),
                instant(rs.getTimestamp("effective_from")), instant(rs.getTimestamp("effective_until")), basisPoints,
                override == null ? null : Json.mapper().readValue(override, PriceRates.class));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
