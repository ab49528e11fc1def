"""A section page of the service navigation: one header item gathering related lists (actions
and action plans; case reviews and requests), so the header keeps to a few items and every list
is two clicks away. Audits and Section 11 have no such page: the item opens the audits, whose
sub-navigation links to Section 11 (an old link to the page is redirected there). Which
sections and entries a person has is decided once, in `partnership.context_processors.sections_for`.
"""

from django.http import Http404
from django.shortcuts import redirect, render

from ..context_processors import sections_for


def section_view(request, slug: str):
    """The section's lists the person may open; a section they have none of is a 404."""
    section = next((s for s in sections_for(request.user) if s.slug == slug), None)
    # One list is linked straight from the header; the organisation has its own page.
    if section is None or len(section.entries) < 2 or slug == "organisation":
        raise Http404
    if section.opens_first:  # the header opens its first list, which links to the others
        return redirect(section.entries[0].url)
    return render(request, "partnership/section.html", {"section": section})
