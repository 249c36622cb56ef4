#!/usr/bin/env bash
# Builds the browser UI into web/dist when needed: installs packages only when node_modules is missing or
# package-lock.json changed since the last install, and rebuilds only when a web source is newer than the build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
cd "$web"

# Without Node the server still runs (API only), so a missing npm is a warning, not a failure.
if ! command -v npm >/dev/null; then
  [[ -f dist/index.html ]] || echo "web.sh: Node.js 20+ (npm) is needed to build the web UI; skipping it" >&2
  exit 0
fi

# Servers started side by side (tests) may all call this at once: one builds, the others wait for it.
mkdir -p "$root/out"
if command -v flock >/dev/null; then exec 9>"$root/out/web-build.lock"; flock 9; fi

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
