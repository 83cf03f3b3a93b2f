"""Shared test settings: deterministic property tests under CI."""
from __future__ import annotations

import os

from hypothesis import settings

# CI must be reproducible (a red run does not land): fixed seeds and no deadline on a shared
# 2-core box. Locally, hypothesis explores new examples on every run.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
