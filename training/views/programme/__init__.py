"""Training views: the programme area (landing page, programmes, courses, sessions) and what
the programme-side pages share (common.py); its URLs are in training/urls.py."""
