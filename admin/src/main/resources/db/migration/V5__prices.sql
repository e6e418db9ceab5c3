-- Prices. An entry applies from effective_from (inclusive) to effective_until (exclusive, open when
-- null); changes add entries effective now or later, so what priced past usage is never rewritten.
-- The admin API publishes the whole catalog to conduit.prices.v1 after every change.

create table model_prices (
    model           text not null,
    provider        text not null default '*',   -- '*': any provider
    effective_from  timestamptz not null,
    effective_until timestamptz,
    entry           jsonb not null,               -- the PriceEntry (rates, limits, source) as on the topic
    created_at      timestamptz not null default now(),
    primary key (model, provider, effective_from),
    check (effective_until is null or effective_until > effective_from)
);

-- Markups (basis points on the catalog price) or override prices, per alias or key group.
create table price_markups (
    scope           text not null check (scope in ('alias', 'key_group')),
    target          text not null,                -- the alias or the key group id
    effective_from  timestamptz not null,
    effective_until timestamptz,
    basis_points    integer,
    override        jsonb,
    created_at      timestamptz not null default now(),
    primary key (scope, target, effective_from),
    check (effective_until is null or effective_until > effective_from),
    check ((basis_points is null) <> (override is null))
);

-- The catalog's revision: one row, bumped (and locked) by every change.
create table price_catalog (
    id           boolean primary key default true check (id),
    revision     bigint not null,
    version      text not null,
    published_at timestamptz not null,
    source       text not null
);
