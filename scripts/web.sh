#!/usr/bin/env bash
# Builds the browser UI into web/dist when needed: installs packages only when node_modules is missing or
# package-lock.json changed since the last install, and rebuilds only when a web source is newer than the build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
cd "$web"

if ! command -v npm >/dev/null; then
  if [[ -f dist/index.html ]]; then exit 0; fi
  echo "web.sh: Node.js (npm) is needed to build the web UI; install Node 20 or later" >&2
  exit 1
fi

installed="node_modules/.laoshi-lock"
if [[ ! -d node_modules || ! -f "$installed" ]] || ! cmp -s package-lock.json "$installed"; then
  echo "web.sh: installing web packages (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json "$installed"
fi

stamp="dist/index.html"
if [[ ! -f "$stamp" ]] || [[ -n "$(find src index.html package.json package-lock.json tsconfig.json vite.config.ts -newer "$stamp" -type f -print -quit)" ]]; then
  echo "web.sh: building the web UI..." >&2
  npm run build --silent >&2
fi
