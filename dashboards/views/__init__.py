"""Pages of the dashboards app.

- `indicators`: the performance dataset by quarter, the indicator list and each indicator.
- `values`: values typed in by hand, and the import from a spreadsheet.
- `deep_dives`: deep dives into the dataset, each a source of learning with its panel.
"""
