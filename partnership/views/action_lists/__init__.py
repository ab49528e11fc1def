"""The lists of action plans and of actions, their CSV and Excel exports, and the bulk import of
a plan's actions from a file.

Every list is "selector, then filters, then sort": the selector decides what the person may
see (an agency lead's lists hold only their agency's actions), the filters (`filters/actions.py`)
only narrow it, and each export takes the same filters and order as the page it is linked
from. `lists.py` has the pages, `exports.py` the downloads, `imports.py` the import.
"""
