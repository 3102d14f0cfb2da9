"""Where the project's shared reference data lives: ``shared/`` beside the repository checkout.

CI clones the repository into a fresh folder with a copy of ``shared/`` next to it, so the path is
found relative to this checkout, never as an absolute path of one machine.
"""

from pathlib import Path

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
SYNTHEA_DIR = SHARED_DIR / "data" / "synthea-r4"
