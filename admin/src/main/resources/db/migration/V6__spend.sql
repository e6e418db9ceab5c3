-- The spend store: conduit.spend.v1 written to PostgreSQL by the ledger's sink (one row per spend
-- record, keyed by the usage event id, so redelivery inserts nothing) and daily aggregates updated
-- in the same transaction, only for rows actually inserted. Amounts are integer micro-USD.

create table spend_records (
    id                  text primary key,
    request_id          text,
    key_id              text not null,
    key_group_id        text,
    alias               text not null,
    provider            text not null,
    provider_model      text not null,
    endpoint            text not null,
    outcome             text not null,
    prompt_tokens       bigint not null,
    completion_tokens   bigint not null,
    cached_tokens       bigint not null,
    input_micros        bigint not null,
    cached_input_micros bigint not null,
    output_micros       bigint not null,
    media_micros        bigint not null,
    total_micros        bigint not null,
    price_version       text,
    unpriced            boolean not null,
    usage_estimated     boolean not null,
    occurred_at         timestamptz not null,
    priced_at           timestamptz,
    stored_at           timestamptz not null default now()
);
create index spend_records_occurred on spend_records (occurred_at, id);
create index spend_records_key_occurred on spend_records (key_id, occurred_at);
create index spend_records_unpriced on spend_records (occurred_at) where unpriced;

-- One row per UTC day and (key, key group, alias, provider, model). key_group_id is '' for a key in
-- no group, so the primary key holds on every PostgreSQL version (no NULLS NOT DISTINCT needed).
create table spend_daily (
    day                 date not null,
    key_id              text not null,
    key_group_id        text not null,
    alias               text not null,
    provider            text not null,
    provider_model      text not null,
    requests            bigint not null,
    unpriced_requests   bigint not null,
    prompt_tokens       bigint not null,
    completion_tokens   bigint not null,
    cached_tokens       bigint not null,
    input_micros        bigint not null,
    cached_input_micros bigint not null,
    output_micros       bigint not null,
    media_micros        bigint not null,
    total_micros        bigint not null,
    updated_at          timestamptz not null default now(),
    primary key (day, key_id, key_group_id, alias, provider, provider_model)
);
create index spend_daily_key on spend_daily (key_id, day);
create index spend_daily_group on spend_daily (key_group_id, day);
