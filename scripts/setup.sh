#!/usr/bin/env bash
# Sets up everything the site and the tests need on a fresh machine (Python 3.11, no venv):
# Debian's Chromium for the browser tests, Debian's Java runtime for the Nu HTML checker, and
# this package with its test dependencies.
# No Node or npm: Mermaid, KaTeX and force-graph ship inside the package (site_builder/assets/
# vendor, refreshed by maintainers with scripts/vendor_assets.py). Safe to run again.
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

if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian's Java runtime for the Nu HTML checker test"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "setup: java is missing; install Debian's default-jre-headless (the HTML checker test will be skipped)" >&2
  fi
fi

echo "setup: installing the glossary package and its test tools"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[test]"
