-- Signed webhooks (Standard Webhooks) of async media jobs: the outbox of messages (written in the
-- same transaction as the job change that causes them), one row per delivery attempt, the state of
-- each receiving endpoint (a 410 Gone disables it), and each key group's default URL and signing
-- secret (encrypted with CONDUIT_ENCRYPTION_KEY, like provider credentials).

-- scope: a key group's id, or 'global' for keys without a group.
create table webhook_settings (
    scope                      text primary key,
    key_group_id               uuid unique references key_groups (id) on delete cascade,
    default_url                text,
    secret_ciphertext          text,
    -- while previous_secret_expires_at is in the future, messages are signed with both secrets
    previous_secret_ciphertext text,
    previous_secret_expires_at timestamptz,
    secret_created_at          timestamptz,
    updated_at                 timestamptz not null default now(),
    check ((scope = 'global' and key_group_id is null) or scope = key_group_id::text)
);

-- id is the webhook-id: stable over every attempt and redelivery, and the idempotency key of enqueue.
-- payload is the exact body sent (and signed) on every attempt.
create table webhook_messages (
    id              text primary key,
    key_group_id    uuid,
    requested_url   text,
    url             text,
    type            text not null,
    payload         text not null,
    occurred_at     timestamptz not null,
    status          text not null check (status in ('pending', 'delivered', 'failed', 'skipped')),
    attempts        int not null default 0,
    -- attempts since the message was enqueued or last redelivered: the index into the retry schedule
    round_attempts  int not null default 0,
    next_attempt_at timestamptz,
    -- a dispatcher holds the message while delivering it; after this time another one may take it over
    leased_until    timestamptz,
    last_status     int,
    last_error      text,
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index webhook_messages_due on webhook_messages (next_attempt_at) where status = 'pending';
create index webhook_messages_by_group on webhook_messages (key_group_id, created_at desc);
create index webhook_messages_by_status on webhook_messages (status, created_at desc);

create table webhook_attempts (
    message_id  text not null references webhook_messages (id) on delete cascade,
    attempt     int not null,
    url         text,
    dispatcher  text not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    duration_ms bigint,
    outcome     text not null check (outcome in ('in_flight', 'delivered', 'failed', 'gone', 'refused',
                                                 'endpoint_disabled', 'abandoned')),
    status_code int,
    error       text,
    primary key (message_id, attempt)
);

create table webhook_endpoints (
    id                   uuid primary key,
    url                  text not null unique,
    disabled_at          timestamptz,
    disabled_reason      text,
    last_status          int,
    last_error           text,
    last_attempt_at      timestamptz,
    last_success_at      timestamptz,
    consecutive_failures int not null default 0,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
