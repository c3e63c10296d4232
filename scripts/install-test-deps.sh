#!/usr/bin/env bash
# Installs what the test suite needs beyond Python packages: a PostgreSQL server (the DDL is
# applied to a real one), Debian's Chromium (browser tests) and the Node reference parsers
# (mermaid under jsdom, Spectral). Idempotent: does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing system packages: ${need_apt[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Node reference parsers, pinned by the lock file.
stamp=tools/validators/node_modules/.installed
if [ ! -f "$stamp" ] || [ tools/validators/package-lock.json -nt "$stamp" ]; then
  echo "installing Node reference parsers (tools/validators)" >&2
  (cd tools/validators && npm ci --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi
