"""The partnership's date formats (FORMAT_MODULE_PATH): the GOV.UK style, "9 December 2026".

Django's own en_GB formats ("9 Dec 2026", "09/12/2026") would win over the settings' DATE_FORMAT,
so the formats are set here, for the one language the service speaks.
"""
