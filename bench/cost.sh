#!/usr/bin/env bash
# Capacity and cost model (docs/benchmarks.md, issue #11): builds the jars, then CostModelBenchmark
# starts a service of its own on free 127.0.0.1 ports, runs a paid booking, a hold that expires
# unpaid (hold time set to 1 minute) and a lost hold attempt ten times each, counts what they used
# (API routes, Lambda invocations and handler time, DynamoDB units per key, emulator requests by
# kind, Step Functions transitions, Toss calls) and prints the cost per confirmed booking at AWS list
# prices and the peak of a 5,000-seat open to 100,000 people as Markdown tables. About 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash local/bootstrap.sh
mvn -B -q package -DskipTests
exec java -cp local-runner/target/local-runner.jar kr.tickets.runner.bench.CostModelBenchmark
