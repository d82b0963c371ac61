#!/usr/bin/env bash
# Creates the project-local Python virtualenvs: .venv (moto) with .venv/lint (cfn-lint, SAM CLI)
# and .venv/checkov. Idempotent: each is reinstalled only when its requirements file changed.
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

# checkov pins its own versions of libraries the others use too: a venv of its own, keyed on its
# own requirements file so that changing one pin does not reinstall the rest.
checkov="$venv/checkov"
checkov_stamp="$checkov/.requirements.sha256"
checkov_want="$(sha256sum < "$root/local/requirements-checkov.txt" | cut -d' ' -f1)"
if [[ ! -x "$checkov/bin/checkov" || ! -f "$checkov_stamp" || "$(cat "$checkov_stamp")" != "$checkov_want" ]]; then
  echo "Setting up $checkov (checkov) ..." >&2
  python3 -m venv "$checkov"
  "$checkov/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements-checkov.txt"
  echo "$checkov_want" > "$checkov_stamp"
fi
