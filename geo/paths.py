"""Where the atlas keeps its data files."""

from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_DIR / "data"

REBUILD_HINT = "rebuild it with `make data` (python -m geo.build) or restore it with `git checkout data/`"
