"""Models for training: filled by its own issue."""
