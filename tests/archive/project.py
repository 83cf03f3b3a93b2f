"""A project folder for archive tests: sources that arrive day by day, real builds through the CLI."""
from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from briefing.cli import main

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = REPO / "sources"


@dataclass
class Project:
    """A config, a sources folder, an output folder and the archive, all under one folder."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "briefing.yaml"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def archive(self) -> Path:
        return self.root / "memory" / "archive.sqlite"

    def add(self, *names: str, folder: Path = DATA) -> None:
        """Copy test texts into the sources folder, as a day's new articles landing."""
        self.sources.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(folder / name, self.sources / name)

    def build(self, date: str, *args: str) -> Result:
        """Run `briefing build` for a date (HTML only unless asked: faster, the PDF is tested apart)."""
        extra = args if "--format" in args else ("--format", "html", *args)
        return cli("build", "--config", str(self.config), "--date", date, *extra)

    def brief(self, date: str) -> dict[str, Any]:
        """Return the brief JSON of a date."""
        return json.loads((self.output / f"brief-{date}.json").read_text(encoding="utf-8"))

    def outputs(self, date: str) -> dict[str, bytes]:
        """Return the bytes of a date's HTML, JSON and text outputs."""
        return {ext: (self.output / f"brief-{date}.{ext}").read_bytes() for ext in ("html", "json", "txt")}

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read the archive with plain sqlite3, as an analyst would."""
        with sqlite3.connect(self.archive) as db:
            return db.execute(sql, args).fetchall()


def project(root: Path, **config: Any) -> Project:
    """Make a project folder with a config (no translation memory unless asked)."""
    root.mkdir(parents=True, exist_ok=True)
    settings = {"sources_dir": "sources", "output_dir": "output", "templates_dir": None,
                "translation_memory": None, **config}
    (root / "briefing.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    (root / "sources").mkdir(exist_ok=True)
    return Project(root)


def cli(*args: str) -> Result:
    """Run the CLI in-process, stdout and stderr apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def source_names(brief: dict[str, Any]) -> set[str]:
    """Return the names of the sources a brief JSON covers."""
    return {s["name"] for s in brief["sources"]}


def figure(brief: dict[str, Any], label: str, value: float) -> dict[str, Any]:
    """Return the brief JSON's figure with this English label and value."""
    found = [f for f in brief["figures"] if (f["label_en"] or "").lower() == label.lower() and f["value"] == value]
    assert len(found) == 1, [(f["label_en"], f["value"]) for f in brief["figures"]]
    return found[0]
