"""Training services: the only code that writes training records."""
