#!/usr/bin/env bash
# Isolation benchmark: does a deployment that takes 30 s to answer, with 100 requests held open on
# it, raise another alias's p99? Target: by no more than 10%. Runs against real Kafka, PostgreSQL
# and S3 in-process and a fake upstream on loopback; prints and keeps server/target/isolation.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl server -am install -DskipTests
./mvnw -q -pl server verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=IsolationBenchmarkIT -Dgroups=benchmark -Dexcluded.test.groups=none
cat server/target/isolation.txt
