#!/usr/bin/env bash
# Ticket-open rush benchmark (docs/benchmarks.md): builds the jars, then RushBenchmark starts a
# service of its own on free 127.0.0.1 ports (moto + every function + the local API gateway +
# the Toss sandbox), creates a 1,000-seat venue and a performance on sale, signs up 400 users,
# and runs three rushes (every user asks for a seat at the same instant), printing holds/s,
# latency percentiles, conflicts and the DynamoDB write units of one hold as Markdown tables; in
# the same run the emulator's raw transaction rate, the emulator's requests per hold by kind and a
# hot-key report (units per item key and partition, scaled to 5,000 holds/s), and the counts of
# the "100 users, 1,000 seats" rush as JSON in target/bench/rush-counts.json (issue #11).
# Takes a few minutes; nothing needs to be running first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash local/bootstrap.sh
mvn -B -q package -DskipTests
exec java -cp local-runner/target/local-runner.jar kr.tickets.runner.bench.RushBenchmark
