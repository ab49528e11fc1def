"""One set of pages for every organisational record, driven by a `RecordType` per entity.

Areas, agencies, subgroups, priorities, themes and people all have the same pages: a list
(filters, sortable columns, pages, CSV export of the same filters), a detail page, create and
edit forms, deactivate and reactivate (with a confirmation page; nothing is deleted) and the
history of changes. Each entity says once, in its `RecordType`, what differs: its selector,
form, filters, columns and services. The views stay thin: look the object up through the
selector (outside the person's scope is a 404), check the permission (a 403), call a service,
render or redirect.
"""

from .history import HistoryEntry, history_entries, history_who
from .pages import (
    Column,
    RecordType,
    add_domain_error,
    confirmed_change,
    form_page,
    get_record,
    require,
)
from .values import display, resolve

__all__ = [
    "Column",
    "HistoryEntry",
    "RecordType",
    "add_domain_error",
    "confirmed_change",
    "display",
    "form_page",
    "get_record",
    "history_entries",
    "history_who",
    "require",
    "resolve",
]
