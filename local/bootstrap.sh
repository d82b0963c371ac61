#!/usr/bin/env bash
# Creates the project-local Python virtualenv (.venv) with moto and the template linters, and
# .venv/schemathesis (the API checker of local/schemathesis.sh).
# Idempotent: reinstalls only when a requirements file changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.requirements.sha256"
want="$(cat "$root/local/requirements.txt" "$root/local/requirements-lint.txt" "$root/local/requirements-schemathesis.txt" | sha256sum | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
echo "Setting up $venv (moto, cfn-lint, SAM CLI, schemathesis) ..." >&2
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements.txt"
# SAM CLI pins its own cfn-lint; it gets a venv of its own so neither pin breaks the other.
python3 -m venv "$venv/lint"
"$venv/lint/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements-lint.txt"
# schemathesis brings its own pins too (hypothesis, jsonschema, requests).
python3 -m venv "$venv/schemathesis"
"$venv/schemathesis/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements-schemathesis.txt"
echo "$want" > "$stamp"
