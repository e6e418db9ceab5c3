-- Non-secret provider options (api_version, region, project, location …), a JSON object of strings.
alter table providers add column settings jsonb not null default '{}'::jsonb;
