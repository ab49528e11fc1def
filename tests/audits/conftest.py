"""Fixtures shared by the audits tests."""

import pytest

from .factories import pan_london


@pytest.fixture
def framework():
    """The Pan London Section 11 framework (seeded by a migration)."""
    return pan_london()
