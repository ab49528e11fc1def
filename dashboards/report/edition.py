"""The accessible HTML edition of the annual report: the same sections, figures and words as
the PDF (`figures.report_sections`, in the same order), as a web page.

Two renderings share one body (`templates/dashboards/report/edition/_body.html`):

- the page in the product (`dashboards:report-edition`), inside the service's layout;
- the standalone file for the partnership's website (`edition_html`): one self-contained
  document, `lang="en-GB"`, its stylesheet inlined, the charts as inline SVG (each with its
  title and text alternative), no script and no external asset, so it can be uploaded as it is.

Sections are rendered generically (facts, notes, charts, tables, narrative), so a section added
to the report later appears in both editions without a change here. The figures are the
report's: counts, kinds, dates and themes, never a child's details.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .. import periods
from .figures import report_sections

STANDALONE_TEMPLATE = "dashboards/report/edition/standalone.html"


def edition_context(*, year: int, actor, today: datetime.date | None = None) -> dict:
    """What both renderings need: the year's sections as `actor` reads them, and its dates."""
    return {
        "year": year,
        "year_label": periods.year_label(year),
        "sections": report_sections(year, user=actor, today=today),
        "period_start": periods.year_start(year),
        "period_end": periods.year_start(year + 1) - datetime.timedelta(days=1),
        "produced_on": today or timezone.localdate(),
        "partnership_name": settings.PARTNERSHIP_NAME,
    }


def edition_html(*, year: int, actor, today: datetime.date | None = None) -> str:
    """The standalone HTML document of the year's report (see the module's docstring)."""
    return render_to_string(STANDALONE_TEMPLATE, edition_context(year=year, actor=actor, today=today))


def edition_file_name(year: int) -> str:
    return f"annual-report-{periods.year_label(year).replace('/', '-')}.html"
