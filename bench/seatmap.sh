#!/usr/bin/env bash
# Seat map for a crowd (docs/benchmarks.md, issue #11): builds the jars, then SeatMapBenchmark starts a
# service of its own on free 127.0.0.1 ports (moto + every function + the local API gateway with the
# caches template.yaml declares), creates a 5,000-seat schedule on sale, and for 60 s lets 1,000
# simulated viewers poll its seat status every second while 240 users rush to hold seats. Prints the
# DynamoDB reads of the schedule's seat state counted at the emulator, the bytes of a poll against
# the full seat map, and how long a hold takes to show, as Markdown tables. About 5 minutes.
# The local gateway plays template.yaml's cache: CloudFront with Origin Shield (concurrent misses of one
# key collapsed) in front of the API stage cache. --stage-cache-only: the stage cache alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash local/bootstrap.sh
mvn -B -q package -DskipTests
exec java -cp local-runner/target/local-runner.jar kr.tickets.runner.bench.SeatMapBenchmark "$@"
