#!/usr/bin/env bash
# Media job benchmark (server/src/test/.../JobsBenchmarkIT.java): job acceptance latency of
# POST /v1/videos, and the time from a provider's completion to the SSE event and to the webhook.
# One single-node process with embedded Kafka, PostgreSQL and S3, a fake of OpenAI's Videos API and
# a webhook receiver, all on 127.0.0.1, all stopped when the test ends. Figures: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl server -am install -DskipTests
./mvnw -q -pl server verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=JobsBenchmarkIT -Dgroups=benchmark -Dexcluded.test.groups=none
cat server/target/jobs-benchmark.txt
