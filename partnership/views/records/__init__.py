"""One set of pages for every organisational record, driven by a `RecordType` per entity.

Areas, agencies, subgroups, priorities, themes and people all have the same pages: a list
(filters, sortable columns, pages, CSV export of the same filters), a detail page, create and
edit forms, deactivate and reactivate (with a confirmation page; nothing is deleted) and the
history of changes. Each entity says once, in its `RecordType`, what differs: its selector,
form, filters, columns and services. The views stay thin: look the object up through the
selector (outside the person's scope is a 404), check the permission (a 403), call a service,
render or redirect.

`pages.py` has the `RecordType` and its pages, `history.py` the history of changes and
`values.py` how a value is shown. The steps every app's pages share are in `../toolkit.py`.
"""
