#!/usr/bin/env bash
# Confirm latency (docs/benchmarks.md, "One Lambda per hold (issue #11)"): builds the jars, then
# ConfirmBenchmark starts a service of its own on free 127.0.0.1 ports (moto + every function + the
# local API gateway + the Toss sandbox), lets N buyers (default 40) one after another hold a seat,
# check out, pay in the sandbox's window and confirm, and times each POST /payments/confirm; then
# times N local StartSyncExecution runs of a one-state Express machine (the launcher's emulation,
# moto has no StartSyncExecution). Prints Markdown tables. About 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash local/bootstrap.sh
mvn -B -q package -DskipTests
exec java -cp local-runner/target/local-runner.jar kr.tickets.runner.bench.ConfirmBenchmark "$@"
