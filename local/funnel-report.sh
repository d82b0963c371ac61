#!/usr/bin/env bash
# Writes the funnel report of a local run: the HTML page beside the run's EMF file
# (target/local-metrics/emf-*.jsonl, the newest unless one is named) and the funnel on one line.
# Usage: local/funnel-report.sh [emf-file.jsonl] [report.html]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=local-runner/target/local-runner.jar
if [[ ! -f "$jar" ]]; then
  echo "Building the local runner (mvn package) ..."
  mvn -B -q package -DskipTests -pl local-runner -am
fi
exec java -cp "$jar" kr.tickets.runner.FunnelReport "$@"
