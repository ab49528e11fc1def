"""The annual report: narratives per year, the figures gathered from every app, and the PDF.

models.py (ReportNarrative, ReportVersion), figures/ (each section's figures for a year, read
through the apps' selectors), services.py (saving narratives, queuing and rendering versions),
permissions.py, views.py (the "Annual report YEAR" pages; their URLs are in dashboards/urls.py),
demo.py (the demo's narratives, and the last complete year's publication trail).
models/publication.py, services/publication.py, views/publication.py: the publication trail
(finalise, publish, sent to the national Panel and Foundations) and its submission clock,
which clocks.py puts on the reviews' clock board (BOARD_CLOCKS). edition.py and views/edition.py:
the accessible HTML edition, a page and a self-contained file, from the same figures.
The Celery task is in dashboards/tasks.py; the command is `annual_report`.
"""
