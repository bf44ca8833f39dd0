#!/bin/sh
# Prints the path of a uv executable, installing uv from PyPI into .tools/ when none is on PATH.
# Needs only a Python 3 interpreter; on Debian it adds python3-venv with apt when it is missing.
set -eu
UV_VERSION="${UV_VERSION:-0.13.8}"
if command -v uv >/dev/null 2>&1; then command -v uv; exit 0; fi
if [ -x .tools/bin/uv ]; then echo .tools/bin/uv; exit 0; fi
PYTHON="$(command -v python3 || true)"
[ -n "$PYTHON" ] || { echo "bootstrap: python3 is required (3.12 or newer)" >&2; exit 1; }
if ! "$PYTHON" -m venv .tools >/dev/null 2>&1; then
  rm -rf .tools
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing python3-venv with apt" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2
    "$PYTHON" -m venv .tools >&2
  else
    echo "bootstrap: python3 cannot create a virtual environment; install python3-venv (or uv) first" >&2
    exit 1
  fi
fi
.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==${UV_VERSION}" >&2
echo .tools/bin/uv
