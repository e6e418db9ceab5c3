-- Async media jobs: one row per job, its state machine (states only move forward, one terminal
-- state), the provider task it runs as (recorded before polling, so a worker taking the job over
-- resumes it instead of submitting twice), its stored results, and the history of its changes
-- (what /v1/jobs/{id}/events replays).
create table jobs (
    id                  text primary key,
    kind                text not null,
    endpoint            text not null,
    key_id              uuid not null,
    key_group_id        uuid,
    alias               text not null,
    request_id          text,
    request             jsonb not null,
    inputs              jsonb not null default '{}',
    webhook_url         text,
    state               text not null check (state in ('queued', 'in_progress', 'completed', 'failed', 'cancelled')),
    progress            int check (progress between 0 and 100),
    provider            text,
    provider_model      text,
    provider_task_id    text,
    submissions         int not null default 0,
    cancel_requested_at timestamptz,
    error_code          text,
    error_message       text,
    outputs             jsonb not null default '[]',
    media               jsonb,
    version             int not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    started_at          timestamptz,
    completed_at        timestamptz,
    expires_at          timestamptz,
    deleted_at          timestamptz
);
create index jobs_by_key_group on jobs (key_group_id, kind, created_at desc, id desc);
create index jobs_by_key on jobs (key_id, kind, created_at desc, id desc);
create index jobs_expiring on jobs (expires_at) where deleted_at is null and expires_at is not null;

create table job_history (
    job_id     text not null references jobs (id) on delete cascade,
    version    int not null,
    state      text not null,
    progress   int,
    at         timestamptz not null,
    primary key (job_id, version)
);

-- How long a group's job results are kept (null: the server's default).
alter table key_groups add column job_retention_days int check (job_retention_days > 0);
