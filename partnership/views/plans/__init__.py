"""Action plan and action pages: a source's plan with its recommendations and actions, and each
action's page with its timeline, progress updates, evidence, completion, cancellation and due
date moves.

Every page looks its object up through the person's selector (outside their scope is a 404),
checks the named permission before showing a form (a 403 for someone who may see but not do),
calls one service and redirects with a message.
"""

from django.urls import path

from . import action_pages, plan_pages

urlpatterns = [
    path("sources/<int:source_pk>/plan/new/", plan_pages.plan_create_view, name="plan-create"),
    path("plans/<int:pk>/", plan_pages.plan_detail_view, name="plan-detail"),
    path("plans/<int:pk>/edit/", plan_pages.plan_edit_view, name="plan-edit"),
    path("plans/<int:pk>/actions/new/", action_pages.action_create_view, name="action-create"),
    path("actions/<int:pk>/", action_pages.action_detail_view, name="action-detail"),
    path("actions/<int:pk>/update/", action_pages.action_update_view, name="action-update"),
    path("actions/<int:pk>/evidence/new/", action_pages.action_evidence_view, name="action-evidence"),
    path("evidence/<int:pk>/download/", action_pages.evidence_download_view, name="evidence-download"),
    path("actions/<int:pk>/complete/", action_pages.action_complete_view, name="action-complete"),
    path("actions/<int:pk>/cancel/", action_pages.action_cancel_view, name="action-cancel"),
    path("actions/<int:pk>/due-date/", action_pages.action_due_date_view, name="action-due-date"),
]
