"""The annual report: narratives per year, the figures gathered from every app, and the PDF.

models.py (ReportNarrative, ReportVersion), figures/ (each section's figures for a year, read
through the apps' selectors), services.py (saving narratives, queuing and rendering versions),
permissions.py, views.py (the "Annual report YEAR" pages; their URLs are in dashboards/urls.py),
demo.py (the demo's narratives). The partners' funding and the links with the other boards
have their own modules: models/funding.py, services/funding.py, views/funding.py and
figures/funding.py; figures/governance.py gathers the meetings' figures that the governance app
registers (ANNUAL_REPORT_PARTS); glossary.py is the glossary's list of terms. The Celery task
is in dashboards/tasks.py; the command is `annual_report`.
"""
