"""What the training forms share: UK dates, and choices that keep a retired record an old
entry already uses."""

from partnership.forms.learning import active_or_current
from partnership.models import Agency
from partnership.widgets import GovukDateInput

DATE_HINT = "For example, 27 3 2026"


def date_widget() -> GovukDateInput:
    return GovukDateInput()


def date_errors(label: str) -> dict:
    return {"required": f"Enter {label}", "invalid": f"Enter {label} as a real date, for example 27/3/2026"}


def agencies(current=()):
    """Active agencies, and those already chosen (a retired agency stays on old records)."""
    return active_or_current(Agency, [pk for pk in current if pk]).order_by("name")
