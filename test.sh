#!/usr/bin/env bash
# Runs every test: the template checks (cfn-lint, sam validate --lint, checkov), unit tests, integration
# tests against moto, the end-to-end suite over HTTP through the local runner, and schemathesis
# (docs/openapi.yaml against a local service it starts; local/schemathesis.sh), then the web
# client's unit tests, build (type check, 150 KB budget) and browser tests in headless Chromium
# (web/e2e/run.mjs starts its own local service). Each test JVM starts and stops its own moto;
# nothing needs to be running first. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
# The browser tests need Node.js and Debian's Chromium: say so now, not after the long Maven run.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "The web client needs Node.js 20.19 or newer (node and npm on PATH); found: $(node -v 2>/dev/null || echo none)" >&2
  exit 1
fi
node web/e2e/run.mjs --check
bash local/bootstrap.sh
export SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=us-east-1
echo "== cfn-lint template.yaml"
.venv/lint/bin/cfn-lint template.yaml
echo "== sam validate --lint"
.venv/lint/bin/sam validate --lint --template-file template.yaml
# Every failed check is either fixed in the template or skipped there with its reason
# (Metadata: checkov: skip); no download, no update check (CI may have no internet).
echo "== checkov template.yaml"
CKV_SKIP_PACKAGE_UPDATE_CHECK=true .venv/checkov/bin/checkov -f template.yaml --framework cloudformation \
  --quiet --compact --skip-download
echo "== mvn verify (unit, integration and end-to-end tests)"
mvn -B verify "$@"
echo "== schemathesis (docs/openapi.yaml against the running service, as a user and as an admin)"
bash local/schemathesis.sh
echo "== web client: unit tests, build (type check, 150 KB budget), browser tests"
(cd web && npm ci && npm run test:unit && npm run build && node e2e/run.mjs)
