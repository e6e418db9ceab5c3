-- wrk script: POST a small non-streaming OpenAI chat request.
-- BENCH_KEY (env) is sent as "Authorization: Bearer <key>" when set; bench/run.sh sets
-- it for every target (gateway, direct, nginx) so all see the same request bytes.
-- At the end one machine-readable line is printed:
--   BENCH_RESULT requests=.. duration_us=.. rps=.. p50_us=.. p90_us=.. p99_us=.. p999_us=..
--                max_us=.. mean_us=.. err_connect=.. err_read=.. err_write=.. err_status=.. err_timeout=..
-- err_status counts responses with a status >= 400 (wrk's "Non-2xx or 3xx responses").

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local key = os.getenv("BENCH_KEY")
if key ~= nil and key ~= "" then
   wrk.headers["Authorization"] = "Bearer " .. key
end
wrk.body = '{"model":"' .. (os.getenv("BENCH_MODEL") or "bench") .. '",'
   .. '"messages":[{"role":"system","content":"You are a helpful assistant."},'
   .. '{"role":"user","content":"Say hello in one short sentence."}],'
   .. '"max_tokens":16,"temperature":0}'

function done(summary, latency, requests)
   local e = summary.errors
   local secs = summary.duration / 1e6
   io.write(string.format(
      "BENCH_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d"
      .. " max_us=%d mean_us=%.1f err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
      summary.requests, summary.duration, summary.requests / secs,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
      latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
