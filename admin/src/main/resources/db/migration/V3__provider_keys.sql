-- A provider may hold several API keys; the gateway rotates to the next one when a key is rate-limited.
alter table providers
    add column extra_api_keys_ciphertext text[] not null default '{}',
    add column extra_api_key_hints       text[] not null default '{}';
