#!/usr/bin/env bash
# Creates .venv in the repository root with the pinned Python reference tools
# (pabutools, pabulib-checker, authlib, ...) used as test oracles and benchmark peers.
# Afterwards: export CIVIS_PYTHON=.venv/bin/python
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements.txt
echo "Python tools installed: CIVIS_PYTHON=$root/.venv/bin/python"
