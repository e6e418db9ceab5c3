-- Routing: per-deployment limits, timeout and price; per-alias strategy and fallbacks.

alter table model_deployments
    add column rpm_limit                      integer check (rpm_limit > 0),
    add column tpm_limit                      integer check (tpm_limit > 0),
    add column timeout_ms                     integer check (timeout_ms > 0),
    add column max_concurrent                 integer check (max_concurrent > 0),
    add column cost_micros_per_million_tokens bigint check (cost_micros_per_million_tokens >= 0);

create table model_routes (
    alias                    text primary key,
    strategy                 text not null default 'priority',
    fallbacks                text[] not null default '{}',
    context_window_fallbacks text[] not null default '{}',
    content_policy_fallbacks text[] not null default '{}',
    updated_at               timestamptz not null default now()
);
