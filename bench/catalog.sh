#!/usr/bin/env bash
# Catalog read benchmark (docs/benchmarks.md): builds the jars, then CatalogBenchmark starts a
# service of its own on free 127.0.0.1 ports (moto + every function + the local API gateway),
# creates a 5,000-seat arena and 1,000 performances through the admin API, times each public
# catalog read and prints a Markdown table with the DynamoDB items and RCU each read costs.
# Takes a few minutes; nothing needs to be running first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash local/bootstrap.sh
mvn -B -q package -DskipTests
exec java -cp local-runner/target/local-runner.jar kr.tickets.runner.bench.CatalogBenchmark
