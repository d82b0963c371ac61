#!/usr/bin/env bash
# "My bookings" list benchmark (docs/benchmarks.md): builds the jars, then BookingsListBenchmark
# starts a service of its own on free 127.0.0.1 ports (moto + every function + the local API
# gateway), signs one user up, writes 500 bookings of the last 365 days and 20 older ones, and for
# each sort and order reads page 1 and every page to the end: DynamoDB Queries and read units per
# page (the real DynamoBookingRepository on a client that records each request), and the HTTP
# route's latency. Prints a Markdown table; takes a few minutes; nothing needs to be running first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash local/bootstrap.sh
mvn -B -q package -DskipTests
exec java -cp local-runner/target/local-runner.jar kr.tickets.runner.bench.BookingsListBenchmark
