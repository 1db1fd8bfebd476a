#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts for the browser tests when they are missing.
# Never downloads a browser build of Playwright's own (`playwright install` is not used anywhere):
# the tests drive the system Chromium at $CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
need=()
[ -x "$CHROMIUM" ] || need+=(chromium)
# grep without -q reads all of fc-list's output: with -q it exits at the first match, fc-list gets
# SIGPIPE and pipefail would report the fonts missing when they are installed.
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "browser-deps: installing ${need[*]} with apt-get" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig
fi
