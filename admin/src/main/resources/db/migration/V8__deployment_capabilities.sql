-- What the deployment's model can do, when the operator overrides what its adapter knows:
-- {"features":["vision","tools","json_schema","reasoning"],"context_window":128000,"max_output_tokens":16384}.
alter table model_deployments add column capabilities jsonb;
