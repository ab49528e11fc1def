"""The annual report: narratives per year, the figures gathered from every app, and the PDF.

models.py (ReportNarrative, ReportVersion), figures/ (each section's figures for a year, read
through the apps' selectors), services.py (saving narratives, queuing and rendering versions),
permissions.py, views.py (the "Annual report YEAR" pages; their URLs are in dashboards/urls.py),
demo.py (the demo's narratives). The Celery task is in dashboards/tasks.py; the command is `annual_report`.
"""
