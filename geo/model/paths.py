"""Where the atlas keeps its data files."""

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[2]
# KURIL_ATLAS_DATA_DIR points a server (or a test) at another copy of data/.
DATA_DIR = Path(os.environ.get("KURIL_ATLAS_DATA_DIR") or REPO_DIR / "data")

REBUILD_HINT = "rebuild it with `make data` (python -m geo.build) or restore it with `git checkout data/`"
