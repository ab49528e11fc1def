"""Training views, one package per area; training/urls.py joins their URL lists."""
