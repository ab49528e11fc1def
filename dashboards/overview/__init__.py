"""The partnership's overview dashboards: the partnership dashboard (statutory clocks, actions
by RAG, the Section 11 heatmap, training reach and impact, red indicators) and the recurring
themes matrix ("the same lessons learnt again and again").

- `permissions.py`: who may open them;
- `themes.py`: the theme by source type and year matrix, the recurring flag and a theme's
  findings with their recommendations and actions;
- `figures.py`: the partnership dashboard's figures, each read through the owning app's
  selectors (or its analysis package), with the charts drawn by `dashboards.charts`;
- `views.py` (its URLs are in `dashboards/urls.py`).
"""
