"""Writes to the performance dataset: `dataset` (indicators, values, deep dives) and
`dataset_import` (values from a spreadsheet, all rows or none)."""
