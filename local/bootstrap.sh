#!/usr/bin/env bash
# Creates the project-local Python virtualenv (.venv) with moto and the template linters, and
# .venv/schemathesis with the API checker of local/schemathesis.sh.
# Idempotent: each venv is reinstalled only when its own requirements file(s) changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.requirements.sha256"
want="$(cat "$root/local/requirements.txt" "$root/local/requirements-lint.txt" | sha256sum | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "Setting up $venv (moto, cfn-lint, SAM CLI) ..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements.txt"
  # SAM CLI pins its own cfn-lint; it gets a venv of its own so neither pin breaks the other.
  python3 -m venv "$venv/lint"
  "$venv/lint/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements-lint.txt"
  echo "$want" > "$stamp"
fi

# schemathesis pins its own hypothesis, jsonschema and requests: a venv of its own, keyed on its
# own requirements file, so a change of its pin does not reinstall moto (and the other way round).
st_venv="$venv/schemathesis"
st_stamp="$st_venv/.requirements.sha256"
st_want="$(sha256sum < "$root/local/requirements-schemathesis.txt" | cut -d' ' -f1)"
if [[ ! -x "$st_venv/bin/st" || ! -f "$st_stamp" || "$(cat "$st_stamp")" != "$st_want" ]]; then
  echo "Setting up $st_venv (schemathesis) ..." >&2
  python3 -m venv "$st_venv"
  "$st_venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements-schemathesis.txt"
  echo "$st_want" > "$st_stamp"
fi
