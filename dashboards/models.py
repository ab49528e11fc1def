"""Models for dashboards: filled by its own issue."""
