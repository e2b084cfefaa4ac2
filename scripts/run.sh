#!/usr/bin/env bash
# Install what is needed, then run the main job: the bundled sample corpus -> tables in outputs/.
# Arguments are passed to `sandingan run` (e.g. a corpus folder, --out DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --ocr
exec .venv/bin/sandingan run "$@"
