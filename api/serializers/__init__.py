"""The API's serializers: flat rows (ids and names side by side) so that CSV columns and Power BI
tables need no unpacking. Read-only unless the name says otherwise."""
