#!/bin/sh
# Makes sure Debian's `chromium` is installed — the studio page's browser test (test/studio)
# drives it headless — and prints its path. Installs it with apt-get when it is missing and we
# are root (as in CI); otherwise says how to install it and exits 1.
set -eu

if command -v chromium >/dev/null 2>&1; then
  command -v chromium
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: chromium is not installed and there is no apt-get here; install Chromium and put \`chromium\` on PATH" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: chromium is not installed; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium
