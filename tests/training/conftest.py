"""Fixtures the training tests share."""

import pytest
import time_machine

from .factories import NOW


@pytest.fixture
def frozen():
    """The clock stopped at NOW (30 November 2026, 10:00): the programme and booking tests'
    today. Yields the traveller, to move the clock on within a test."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
