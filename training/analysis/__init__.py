"""The training analysis: whether the programme reached people and made a difference.

One entry point, `summary.training_summary`, computed by a fixed handful of aggregate queries whatever the data's size:

    summary = training_summary(2026, user=request.user, level=2)
    summary.overall.attendance_rate          # 91.3 (a percentage), or None with no data
    summary.by_course / by_level / by_agency / by_theme  # [Row(key, label, figures)]
    summary.outcomes                         # confidence before/after per learning outcome
    summary.impact_examples                  # follow-up examples, with themes and links
    summary.coverage                         # agencies' coverage returns, per level
    summary.as_dict()                        # the same as plain dicts

The figures, by Kirkpatrick level: reaction (evaluation response rate, mean overall rating),
learning (confidence before and after, per outcome and overall), behaviour (the three-month
follow-up's response rates, the share of participants and of managers who report changed
practice, and whether participant and manager agree), results (impact examples); with
attendance and no-shows, and the agencies' own coverage returns. `figures.py` defines each.

It feeds the analysis pages and their XLSX export (training/views/analysis/), the training
impact analysis page, the dashboards and the annual report. The overview page and its export
ask for `stored=True`: the year's places and confidence answers are then read as groups from
its stored snapshot (`stored.py`; kept by `services.analysis.refresh_analysis_summary`, every
10 minutes and after each change), so their cost does not grow with the places.
"""
