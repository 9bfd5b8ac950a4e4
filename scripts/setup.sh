#!/usr/bin/env bash
# Sets up everything the site and the tests need on a fresh machine (Python 3.11, no venv):
# Debian's Chromium for the browser tests, the pinned front-end assets from the npm registry,
# and this package with its test dependencies. Safe to run again: each step skips if done.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium is missing; install Debian's chromium package (browser tests will fail)" >&2
  fi
fi

if [ -f theme/package.json ]; then
  if [ ! -d theme/node_modules ] || [ theme/package-lock.json -nt theme/node_modules ]; then
    echo "setup: installing pinned front-end assets (npm ci)"
    (cd theme && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

echo "setup: installing the glossary package and its test tools"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[test]"
