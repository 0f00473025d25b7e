"""Shared fixtures (spaCy's rule: fixtures live here only)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kazakhstan-unrest-nypost-2022-01-07.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article (New York Post, 7 January 2022), with its .meta.json beside it."""
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
