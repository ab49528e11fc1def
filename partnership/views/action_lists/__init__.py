"""The lists of action plans and of actions, their CSV and Excel exports, and the bulk import of
a plan's actions from a file.

Every list is "selector, then filters, then sort": the selector decides what the person may
see (an agency lead's lists hold only their agency's actions), the filters (`action_filters`)
only narrow it, and each export takes the same filters and order as the page it is linked
from. `lists.py` has the pages, `exports.py` the downloads, `imports.py` the import.
"""

from django.urls import path

from .exports import action_export_view, plan_export_view
from .imports import plan_import_template_view, plan_import_view
from .lists import action_list_view, plan_list_view

urlpatterns = [
    path("plans/", plan_list_view, name="plan-list"),
    path("plans/export.csv", plan_export_view, {"fmt": "csv"}, name="plan-export-csv"),
    path("plans/export.xlsx", plan_export_view, {"fmt": "xlsx"}, name="plan-export-xlsx"),
    path("plans/<int:pk>/import/", plan_import_view, name="plan-import"),
    path(
        "plans/<int:pk>/import/template.<str:fmt>/",
        plan_import_template_view,
        name="plan-import-template",
    ),
    path("actions/", action_list_view, name="action-list"),
    path("actions/export.csv", action_export_view, {"fmt": "csv"}, name="action-export-csv"),
    path("actions/export.xlsx", action_export_view, {"fmt": "xlsx"}, name="action-export-xlsx"),
]
