"""The wheel ships the default theme and the data files inside the package."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_templates_and_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("briefing-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "briefing/templates/brief.html.j2" in names
    assert "briefing/templates/brief.css" in names
    assert "briefing/extract/data/figures.yaml" in names and "briefing/bilingual/data/glossary.yaml" in names
    assert "briefing/cli.py" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "briefing = briefing.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
