"""Models for reviews: filled by its own issue."""
