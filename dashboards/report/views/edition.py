"""The annual report's accessible HTML edition (dashboards/report/edition.py): the page in the
product and the standalone file for the partnership's website.

Both are for the report's readers (as its page and its PDF are): the edition stays signed in.
A public copy is the partnership's to publish: the standalone file is made to be uploaded to
its website as it is. Once the year is finalised the file is the one frozen then, so it matches
the final PDF; before that it is a draft with today's figures.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from partnership.views.toolkit import require

from ..edition import edition_context, edition_file_name, edition_html
from ..permissions import can_view_report
from ..services import publication_of
from .years import _year


def report_edition_view(request, year: int):
    """The report as an accessible web page: the same sections as the PDF, in the same order."""
    require(can_view_report(request.user))
    year = _year(year)
    context = edition_context(year=year, actor=request.user)
    publication = publication_of(year)
    context["finalised"] = bool(publication and publication.is_finalised)
    return render(request, "dashboards/report/edition/edition.html", context)


def report_edition_download_view(request, year: int):
    """The standalone HTML file: the frozen edition once finalised, today's draft before."""
    require(can_view_report(request.user))
    year = _year(year)
    publication = publication_of(year)
    if publication and publication.is_finalised and publication.edition_html:
        html = publication.edition_html
    else:
        html = edition_html(year=year, actor=request.user)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{edition_file_name(year)}"'
    return response
