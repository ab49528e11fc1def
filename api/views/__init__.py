"""The API's views: a module per area, each list "selector, then FilterSet" as on the pages."""
