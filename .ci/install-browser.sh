#!/usr/bin/env bash
# Headless Chromium and CJK fonts from Debian, for tests/test_browser.py and bench/html_bench.py.
# Playwright drives this browser (executable_path=/usr/bin/chromium); its own browser download is
# not used. Idempotent: returns at once when both are installed.
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

need=()
installed chromium && [ -x /usr/bin/chromium ] || need+=(chromium)
installed fonts-noto-cjk || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
    echo "install-browser: chromium and fonts-noto-cjk already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing ${need[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
/usr/bin/chromium --version 2>/dev/null || true
