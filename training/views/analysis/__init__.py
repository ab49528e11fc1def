"""Training views: the analysis area (its URLs are in training/urls.py)."""
