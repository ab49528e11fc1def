"""The core's list filters (django-filter), one module per sub-domain (the same names as
`services/` and `forms/`); `base.py` holds what they share."""
