"""Training views, one package per area; training/urls.py holds every URL."""
