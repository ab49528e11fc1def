"""Training views: the programme area (its URLs are in training/urls.py)."""
