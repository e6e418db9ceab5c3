-- Configuration owned by admin; ingress reads it into memory (never on the request path).

create table providers (
    id                 uuid primary key,
    name               text not null unique,
    type               text not null,
    base_url           text not null,
    api_key_ciphertext text,
    api_key_hint       text,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);

-- One row per deployment of an alias: today one per alias through /api/model-mappings; routing
-- adds more (priority, weight) without a schema change.
create table model_deployments (
    id             uuid primary key,
    alias          text not null,
    provider_id    uuid not null references providers (id) on delete restrict,
    provider_model text not null,
    priority       integer not null default 0,
    weight         integer not null default 1 check (weight >= 1),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    unique (alias, provider_id, provider_model)
);
create index model_deployments_alias on model_deployments (alias);

-- Keys are stored as SHA-256 hashes only.
create table virtual_keys (
    id             uuid primary key,
    name           text not null,
    key_hash       text not null unique,
    key_hint       text not null,
    enabled        boolean not null default true,
    expires_at     timestamptz,
    allowed_models text[] not null default '{}',
    metadata       jsonb not null default '{}',
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
