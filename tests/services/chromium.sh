#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright drives it; no browser is downloaded).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "chromium: not installed; installing Debian's chromium package" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2 \
    || { echo "chromium: could not install it: run 'apt-get install chromium' as root, then retry" >&2; exit 1; }
fi
