#!/usr/bin/env bash
# Installs the Chromium the browser tests drive (tests/Laoshi.Web.Tests), once; a no-op when it is there.
# The tests launch /usr/bin/chromium themselves instead of Playwright's own download, which needs the internet.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
sudo_if_needed() { if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
sudo_if_needed apt-get update -qq
DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
