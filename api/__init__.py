"""The API for partners' reporting tools (Power BI, Excel): read the partnership's data as JSON
or CSV with a personal token, scoped exactly as the pages are, and write indicator values and
action progress updates through the same services the pages use."""
