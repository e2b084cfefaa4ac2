#!/usr/bin/env bash
# Install what is needed (Python environment, Tesseract, Chromium), lint, check the formatting and the import
# contract (pyproject.toml [tool.importlinter]), type-check (pyproject.toml [tool.mypy]), then run
# the test suite.
# Arguments are passed to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check pipeline tests scripts
.venv/bin/ruff format --check pipeline tests scripts
.venv/bin/lint-imports
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
