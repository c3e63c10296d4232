#!/usr/bin/env bash
# Copies mermaid.js from the npm package (pinned in tools/validators/package-lock.json) into the
# web app's static files, so the web page and `generate --html` render diagrams offline and never
# from a CDN. The copy is a build artifact (2.7 MB), gitignored, not tracked.
set -euo pipefail
cd "$(dirname "$0")/.."
src=tools/validators/node_modules/mermaid/dist/mermaid.min.js
dest=src/archwright/web/static/vendor/mermaid.min.js
if [ ! -f "$src" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "vendor-mermaid: npm is not installed; diagrams will be shown as Mermaid source" >&2
    echo "  (run 'bash scripts/install-test-deps.sh' to install Node and the mermaid package)" >&2
    exit 0
  fi
  echo "installing the mermaid npm package (tools/validators)" >&2
  (cd tools/validators && npm ci --no-audit --no-fund --loglevel=error)
  touch tools/validators/node_modules/.installed
fi
mkdir -p "$(dirname "$dest")"
if [ ! -f "$dest" ] || ! cmp -s "$src" "$dest"; then
  cp "$src" "$dest.tmp" && mv "$dest.tmp" "$dest"
  echo "vendored $(basename "$src") ($(wc -c <"$dest") bytes) from npm mermaid $(node -p "require('./tools/validators/node_modules/mermaid/package.json').version" 2>/dev/null || echo '?')" >&2
fi
