"""The annual report: narratives per year, the figures gathered from every app, and the PDF.

- models/, services/, views/ (the "Annual report YEAR" pages; their URLs are in
  dashboards/urls.py), permissions.py, selectors.py, forms.py: the narratives, the versions
  produced, and beside them in their own modules:
  - contributions: the scrutineer's assessment, the subgroups' sections and the partners'
    contributions, requested, written in the product, approved and printed;
  - funding: the partners' contributions and the spending, and the links with the other boards;
  - publication: the trail (finalise, publish, sent to the national Panel and Foundations) and
    its submission clock, which clocks.py puts on the reviews' clock board (BOARD_CLOCKS).
- figures/: each section's figures for a year, read through the apps' selectors;
  figures/governance.py gathers the meetings' figures that the governance app registers
  (ANNUAL_REPORT_PARTS); glossary.py is the glossary's list of terms.
- edition.py and views/edition.py: the accessible HTML edition, a page and a self-contained
  file, from the same figures.
- demo/: the demo's narratives, contributions, the
  previous year's progress and its publication trail.

The Celery task is in dashboards/tasks.py; the command is `annual_report`.
"""
