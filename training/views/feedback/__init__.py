"""Training views: the feedback area (its URLs are in training/urls.py)."""
