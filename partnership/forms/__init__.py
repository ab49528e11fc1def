"""The core's forms, one module per sub-domain (the same names as `services/` and `filters/`),
and `rendering.py`, the renderer that gives every `{{ form }}` GOV.UK markup."""
