"""The round's overview: the heatmap of agencies by standards, the partnership-wide summary per
standard and every invited agency's progress; its XLSX and CSV exports; and recording the date
it was reported. Seen by the business unit, the partnership leads and the overseeing subgroup;
an agency lead reads their own return instead (403 here)."""

from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from partnership import fragments
from partnership.spreadsheets import Sheet, csv_streaming_response, xlsx_response
from partnership.views.learning.panel import learning_panel_context
from partnership.views.toolkit import form_page, posted, require

from ... import permissions, selectors
from ...forms.panel import OverviewReportedForm
from ...services import panel as services

# Tag colours for a scale from its best level to its worst; the words are always shown too.
PALETTES = {
    1: ["green"],
    2: ["green", "red"],
    3: ["green", "yellow", "red"],
    4: ["green", "yellow", "orange", "red"],
    5: ["green", "turquoise", "yellow", "orange", "red"],
}


def _round(request, pk: int):
    round_ = get_object_or_404(selectors.rounds_visible_to(request.user), pk=pk)
    require(permissions.can_view_overview(request.user, round_))
    return round_


def level_colours(framework, levels=None) -> dict[int, str]:
    """RatingLevel id -> a GOV.UK tag colour, best green to worst red. `levels`, the framework's
    levels best first, when the caller has them already."""
    if levels is None:
        levels = list(framework.rating_levels.order_by("-score"))
    palette = PALETTES.get(len(levels))
    if palette is None:  # a longer scale: spread the five colours over it
        palette = [PALETTES[5][round(i * 4 / (len(levels) - 1))] for i in range(len(levels))]
    return {level.pk: colour for level, colour in zip(levels, palette, strict=True)}


def cell_text(cell) -> str:
    """What a cell says, in the page and the exports: "Mostly met (self)" for a self-rating
    not yet moderated, "Not yet submitted" for a return still being completed (its ratings
    do not count yet), "Not rated" for none."""
    if not cell["submitted"]:
        return "Not yet submitted"
    if cell["level"] is None:
        return "Not rated"
    return cell["level"].label if cell["moderated"] else f"{cell['level'].label} (self)"


def change_text(change) -> str:
    if change is None:
        return ""
    if change == 0:
        return "="
    return f"↑{change}" if change > 0 else f"↓{-change}"


def change_words(change) -> str:
    if change is None:
        return ""
    if change == 0:
        return "no change since the last round"
    return f"{'up' if change > 0 else 'down'} {abs(change)} since the last round"


def overview_data(round_) -> dict:
    grid = selectors.heatmap(round_)
    colours = level_colours(round_.framework, grid["levels"])
    max_score = max((lv.score for lv in grid["levels"]), default=0)
    for row in grid["rows"]:
        for cell in row["cells"]:
            cell["text"] = cell_text(cell)
            cell["colour"] = colours.get(cell["level"].pk, "grey") if cell["level"] else "grey"
            cell["change_text"] = change_text(cell["change"])
            cell["change_words"] = change_words(cell["change"])
    returns = [row["return"] for row in grid["rows"]]
    done = sum(1 for row in grid["rows"] if row["submitted"])
    grid.update(
        {
            "max_score": max_score,
            "levels": [(lv, colours[lv.pk]) for lv in grid["levels"]],
            "submitted_count": done,
            "invited_count": len(returns),
            "has_previous": round_.previous_round_id is not None,
        }
    )
    return grid


def overview_view(request, pk: int):
    round_ = _round(request, pk)
    can_manage = permissions.can_manage_section11(request.user)

    def render_overview() -> str:
        context = {
            "round": round_,
            "grid": overview_data(round_),
            "can_manage": can_manage,
            "request": request,
        }
        return render_to_string("audits/_overview_body.html", context)

    # The heatmap is the largest table of the product: kept until the data changes.
    context = {
        "round": round_,
        "overview": fragments.cached(
            "section11-overview", request.user.pk, round_.pk, render=render_overview
        ),
        "can_manage": can_manage,
        "source": round_.learning_source,
    }
    context.update(learning_panel_context(request, round_.learning_source))
    return render(request, "audits/overview.html", context)


def _filename(round_, extension: str) -> str:
    return f"section11-overview-{round_.year}-{round_.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


def overview_xlsx_view(request, pk: int):
    round_ = _round(request, pk)
    grid = overview_data(round_)
    standards = grid["standards"]
    heatmap = Sheet(
        title="Heatmap",
        header=["Agency", "Return status", *[f"Standard {s.number}: {s.title}" for s in standards]],
        rows=[
            [
                row["return"].agency.name,
                row["return"].get_status_display(),
                *[c["text"] for c in row["cells"]],
            ]
            for row in grid["rows"]
        ],
        widths=[40, 24, *[22 for _ in standards]],
    )
    summary = Sheet(
        title="Summary by standard",
        header=[
            "Standard",
            "Title",
            f"Average score (out of {grid['max_score']})",
            "Agencies rated",
            "Agencies invited",
        ],
        rows=[
            [s["standard"].number, s["standard"].title, s["average"], s["rated"], grid["invited_count"]]
            for s in grid["summary"]
        ],
        widths=[10, 60, 24, 16, 16],
    )
    per_standard = []
    for index, standard in enumerate(standards):
        per_standard.append(
            Sheet(
                title=f"Standard {standard.number}",
                header=[
                    "Agency",
                    "Self-rating",
                    "Moderated rating",
                    "Rating shown",
                    "Change since the last round",
                ],
                rows=[
                    [
                        row["return"].agency.name,
                        cell["self_rating"].label if cell["self_rating"] else "",
                        cell["level"].label if cell["moderated"] else "",
                        cell["text"],
                        cell["change_words"],
                    ]
                    for row in grid["rows"]
                    for cell in [row["cells"][index]]
                ],
                widths=[40, 18, 18, 24, 30],
            )
        )
    return xlsx_response(filename=_filename(round_, "xlsx"), sheets=[heatmap, summary, *per_standard])


def overview_csv_view(request, pk: int):
    round_ = _round(request, pk)
    grid = overview_data(round_)
    header = ["Agency", "Return status", "Standard", "Standard title", "Self-rating", "Moderated rating",
              "Rating shown", "Change since the last round"]  # fmt: skip
    rows = (
        [
            row["return"].agency.name,
            row["return"].get_status_display(),
            cell["standard"].number,
            cell["standard"].title,
            cell["self_rating"].label if cell["self_rating"] else "",
            cell["level"].label if cell["moderated"] else "",
            cell["text"],
            cell["change_words"],
        ]
        for row in grid["rows"]
        for cell in row["cells"]
    )
    return csv_streaming_response(filename=_filename(round_, "csv"), header=header, rows=rows)


def overview_reported_view(request, pk: int):
    round_ = get_object_or_404(selectors.rounds_visible_to(request.user), pk=pk)
    require(permissions.can_manage_section11(request.user))
    initial = {"reported_on": round_.overview_reported_on or timezone.localdate()}
    form = OverviewReportedForm(posted(request), initial=initial)
    return form_page(
        request,
        form,
        template="audits/overview_reported.html",
        call=lambda form: services.round_report_overview(
            round_=round_, reported_on=form.cleaned_data["reported_on"], actor=request.user
        ),
        success=lambda r: f"Overview recorded as reported on {date_format(r.overview_reported_on)}",
        next_url=reverse("audits:overview", args=[round_.pk]),
        title="Record that the overview was reported",
        round=round_,
        button="Save the date",
        cancel_url=reverse("audits:overview", args=[round_.pk]),
    )


def overview_pdf_view(request, pk: int):
    """The overview as an A4 landscape PDF for the partnership's papers (rendered at once: it is
    a few pages, not the annual report)."""
    from django.http import HttpResponse

    from partnership.pdf import render_pdf

    round_ = _round(request, pk)
    title = f"{round_.title}: overview"
    pdf = render_pdf(
        "audits/pdf/overview.html",
        {"round": round_, "grid": overview_data(round_), "today": timezone.localdate()},
        title=title,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(round_, "pdf")}"'
    return response
