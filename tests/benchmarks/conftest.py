"""Make the repository's `benchmarks` package importable when pytest runs without `python -m`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# `benchmarks` is not installed (it is not part of the jobboard distribution), and plain
# `pytest` puts tests/ on sys.path, not the repository root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
