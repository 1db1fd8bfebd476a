#!/usr/bin/env bash
# Installs the npm packages the browser tests load into pages (axe-core, pinned in
# tests/browser/package.json and package-lock.json) when they are missing or not the locked version.
# Uses the machine's Node (Debian's nodejs is installed with apt-get when there is none).
set -euo pipefail
cd "$(dirname "$0")/../tests/browser"
want=$(python3 -c 'import json; print(json.load(open("package-lock.json"))["packages"]["node_modules/axe-core"]["version"])')
have=$(python3 -c 'import json; print(json.load(open("node_modules/axe-core/package.json"))["version"])' 2>/dev/null || true)
if [ "$want" = "$have" ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "node-deps: installing nodejs and npm with apt-get" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
echo "node-deps: npm ci in tests/browser (axe-core $want)" >&2
npm ci --no-audit --no-fund --loglevel=error
