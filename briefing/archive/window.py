"""The window: which archived sources a brief dated D covers.

By default, the sources first seen after the previous brief (the latest one dated before D) was
built, up to D's own first build: rebuilding D selects the same sources, and the first brief
covers everything. `--since`/`--days` select by date instead (publication date, else the day the
source was first seen).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from briefing.archive.store import DATE_SQL, Archive, SourceRow
from briefing.errors import BriefingError, ExitCode


@dataclass(frozen=True)
class WindowSpec:
    """What the build asked for: since the previous brief (no `since`), or dated from `since`."""

    since: str | None = None  # ISO date

    @classmethod
    def days(cls, count: int, date: str) -> WindowSpec:
        """Return the window of the `count` days that end on `date`."""
        start = dt.date.fromisoformat(date) - dt.timedelta(days=max(count, 1) - 1)
        return cls(since=start.isoformat())


@dataclass(frozen=True)
class Window:
    """The sources a brief covers, and where its history begins."""

    date: str
    run: int  # the run that (first) built this brief: later sources belong to later briefs
    sources: tuple[SourceRow, ...]
    previous: str | None = None  # the previous brief's date
    after_run: int | None = None  # the previous brief's run (a window by first-seen time)
    since: str | None = None  # the first date (a window by date)

    @property
    def ids(self) -> tuple[int, ...]:
        """Return the ids of the window's sources."""
        return tuple(s.id for s in self.sources)

    def before(self) -> tuple[str, tuple[Any, ...]] | None:
        """Return the SQL condition (on sources `s`) of the sources before the window, if any."""
        if self.since is not None:
            return f"{DATE_SQL} < ? AND s.first_run <= ?", (self.since, self.run)
        if self.after_run is not None:
            return "s.first_run <= ?", (self.after_run,)
        return None  # the first brief: nothing came before it

    def describe(self) -> str:
        """Say in words what the window holds."""
        if self.since is not None:
            return f"sources dated {self.since} to {self.date}"
        if self.previous is not None:
            return f"sources first seen since the brief of {self.previous}"
        return "every source (the first brief)"


def select(archive: Archive, date: str, run: int, spec: WindowSpec | None = None) -> Window:
    """Return the window of the brief dated `date` built by `run`."""
    built = archive.brief(date)
    bound = built.run if built is not None else run
    previous = archive.brief_before(date)
    if spec is not None and spec.since is not None:
        rows = archive.sources_dated(spec.since, date, bound)
        return Window(date, bound, latest_versions(rows), previous.date if previous else None, None, spec.since)
    after = previous.run if previous is not None else 0
    rows = archive.sources_first_seen(after, bound)
    return Window(date, bound, latest_versions(rows), previous.date if previous else None,
                  previous.run if previous else None)


def latest_versions(rows: list[SourceRow]) -> tuple[SourceRow, ...]:
    """Keep one source per name: a file changed twice within one window counts in its last version."""
    latest: dict[str, SourceRow] = {}
    for row in rows:
        if row.name not in latest or row.id > latest[row.name].id:
            latest[row.name] = row
    return tuple(sorted(latest.values(), key=lambda r: (r.name, r.id)))


class NothingNew(BriefingError):
    """No source is new since the previous brief: there is nothing to brief."""

    exit_code = ExitCode.NOTHING_NEW
