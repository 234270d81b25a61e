#!/usr/bin/env bash
# Set up everything Gaoxin needs on a fresh machine. Safe to run again: each step is
# skipped when its inputs have not changed.
#   scripts/setup.sh        runtime (demo)
#   scripts/setup.sh dev    runtime + test/benchmark tools + Chromium for browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}

# 1. System packages: CJK fonts (reports, screenshots) and, for tests, Debian's chromium,
#    LibreOffice and poppler (documents are rendered to PDF and PNG and looked at).
#    Installed only when missing and only when we may (root with apt-get).
need=()
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || need+=(libharfbuzz-subset0)  # fast PDF font subsetting
if [ "$mode" = dev ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)  # document rendering tests
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: please install ${need[*]} (apt-get install ${need[*]})" >&2
  fi
fi

# 2. Python: a venv with the locked dependencies.
py=${PYTHON:-python3}
"$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "setup: Python >= 3.11 is required" >&2; exit 1; }
[ -x .venv/bin/python ] || "$py" -m venv .venv
locks=requirements.txt
[ "$mode" = dev ] && locks="requirements.txt requirements-dev.txt"
stamp=".venv/.stamp-$mode"
sum=$(cat $locks pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  echo "setup: installing Python packages ($locks)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  for f in $locks; do .venv/bin/python -m pip install -q -r "$f"; done
  .venv/bin/python -m pip install -q --no-deps -e . 2>/dev/null || .venv/bin/python -m pip install --no-deps -e .
  echo "$sum" > "$stamp"
fi

# 3. Front-end assets: npm ci from the lock, then copy into static files.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.gaoxin-lock; then
  echo "setup: installing front-end assets (npm ci)"
  npm ci --silent --no-audit --no-fund
  cp package-lock.json node_modules/.gaoxin-lock
fi
.venv/bin/python scripts/assets.py >/dev/null

# 4. Translations are committed compiled (.mo); nothing to do. Var dir for the database.
mkdir -p var
