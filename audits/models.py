"""Models for audits: filled by its own issue."""
