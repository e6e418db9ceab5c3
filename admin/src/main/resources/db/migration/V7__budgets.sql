-- Key groups (teams), budgets on keys and groups, prepaid group balances and their transactions,
-- and the budget threshold alerts already sent (one row per budget, period and threshold).
create table key_groups (
    id         uuid primary key,
    name       text not null unique,
    metadata   jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

alter table virtual_keys add column key_group_id uuid references key_groups (id);

create table budgets (
    id            uuid primary key,
    scope         text not null check (scope in ('key', 'key_group')),
    scope_id      uuid not null,
    amount_micros bigint not null check (amount_micros > 0),
    period        text not null check (period in ('daily', 'weekly', 'monthly', 'total')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (scope, scope_id)
);

-- A group has a prepaid balance once it has a transaction; its balance is the sum of these
-- (top-ups and adjustments) minus what the group has spent.
create table balance_transactions (
    id            uuid primary key,
    key_group_id  uuid not null references key_groups (id) on delete cascade,
    kind          text not null check (kind in ('top_up', 'adjustment')),
    amount_micros bigint not null,
    note          text,
    created_at    timestamptz not null default now()
);
create index balance_transactions_group on balance_transactions (key_group_id, created_at);

create table budget_alerts_sent (
    budget_id    uuid not null,
    period_start date not null,
    threshold    int not null,
    sent_at      timestamptz not null default now(),
    primary key (budget_id, period_start, threshold)
);
