"""Training views: the booking area (its URLs are in training/urls.py)."""
