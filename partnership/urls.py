"""The project's URLs, and the core app's: the one `urls.py` of `partnership`.

`partnership` is both the Django project package and the core app, so this module is the root
URL conf (each source of learning under its own prefix, by dotted string) and also holds every
core URL, in `core_patterns`, included at the root under the namespace `partnership`. No views
module keeps a list of its own.
"""

from django.contrib import admin
from django.urls import include, path

from .security import views as security
from .views import account, auth, briefings, core, dissemination, sections, two_factor
from .views.action_lists import exports as action_exports
from .views.action_lists import imports as action_imports
from .views.action_lists import lists as action_lists
from .views.learning import chain, organisation_index, outcomes, risks, voice
from .views.organisation import priorities, roles
from .views.organisation import two_factor as person_two_factor
from .views.organisation.record_types import RECORD_TYPES
from .views.plans import action_pages, plan_pages

admin.site.site_header = "Learning cycle administration"

core_patterns = [
    # Home and the accessibility statement.
    path("", core.home_view, name="home"),
    path("accessibility/", core.accessibility_view, name="accessibility"),
    # Signing in and out, password resets, invitations.
    path("sign-in/", auth.SignInView.as_view(), name="login"),
    path("sign-out/", auth.SignOutView.as_view(), name="logout"),
    path("password-reset/", auth.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", auth.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password-reset/complete/", auth.PasswordResetCompleteView.as_view(), name="password-reset-complete"
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("invitation/<str:token>/", auth.invitation_accept_view, name="invitation-accept"),
    # Two-factor sign-in.
    path("sign-in/code/", two_factor.two_factor_verify_view, name="two-factor-verify"),
    path("account/two-factor/set-up/", two_factor.two_factor_setup_view, name="two-factor-setup"),
    path(
        "account/two-factor/recovery-codes/",
        two_factor.two_factor_recovery_codes_view,
        name="two-factor-recovery-codes",
    ),
    path("account/two-factor/reset/", two_factor.two_factor_reset_view, name="two-factor-reset"),
    # The person's own account.
    path("account/", account.account_view, name="account"),
    path("account/password/", account.PasswordChangeView.as_view(), name="password-change"),
    # Organisation and people: the priorities' own pages (before the generic ones, whose
    # "priorities/new/" would otherwise not be reached first), the generic record pages, then
    # roles, seats and resets.
    path("priorities/business-plan/", priorities.business_plan_start_view, name="business-plan-start"),
    path("priorities/<int:pk>/progress/new/", priorities.priority_assess_view, name="priority-assess"),
    *(pattern for record_type in RECORD_TYPES for pattern in record_type.urls()),
    path("people/<int:pk>/roles/add/", roles.person_role_add_view, name="person-role-add"),
    path(
        "people/<int:pk>/roles/<int:role_pk>/remove/",
        roles.person_role_remove_view,
        name="person-role-remove",
    ),
    path("people/<int:pk>/invite-again/", roles.person_invite_again_view, name="person-invite-again"),
    path(
        "people/<int:pk>/two-factor/reset/",
        person_two_factor.person_two_factor_reset_view,
        name="person-two-factor-reset",
    ),
    path("subgroups/<int:pk>/seats/add/", roles.subgroup_seat_add_view, name="subgroup-seat-add"),
    path(
        "subgroups/<int:pk>/seats/<int:role_pk>/remove/",
        roles.subgroup_seat_remove_view,
        name="subgroup-seat-remove",
    ),
    # The learning chain and children's voice.
    path("sources/<int:pk>/", chain.source_detail_view, name="source-detail"),
    path("sources/<int:pk>/priorities/", chain.source_priorities_view, name="source-priorities"),
    path("sources/<int:source_pk>/findings/new/", chain.finding_create_view, name="finding-create"),
    path("findings/<int:pk>/edit/", chain.finding_edit_view, name="finding-edit"),
    path(
        "sources/<int:source_pk>/recommendations/new/",
        chain.recommendation_create_view,
        name="recommendation-create",
    ),
    path("recommendations/<int:pk>/edit/", chain.recommendation_edit_view, name="recommendation-edit"),
    # Intended outcomes (impact by design) and their "did it stick?" checks.
    path("sources/<int:source_pk>/outcomes/new/", outcomes.outcome_create_view, name="outcome-create"),
    path("outcomes/<int:pk>/edit/", outcomes.outcome_edit_view, name="outcome-edit"),
    path("outcomes/<int:pk>/delete/", outcomes.outcome_delete_view, name="outcome-delete"),
    path("outcomes/<int:pk>/check/", outcomes.outcome_check_view, name="outcome-check"),
    path("outcomes/checks/", outcomes.outcome_check_list_view, name="outcome-check-list"),
    path("outcomes/checks/export.csv", outcomes.outcome_check_export_view, name="outcome-check-export"),
    path("voice/consultations/", voice.consultation_list_view, name="consultation-list"),
    path("voice/consultations/export.csv", voice.consultation_export_view, name="consultation-export"),
    path("voice/consultations/new/", voice.consultation_create_view, name="consultation-create"),
    path("voice/consultations/<int:pk>/", voice.consultation_detail_view, name="consultation-detail"),
    path("voice/consultations/<int:pk>/edit/", voice.consultation_edit_view, name="consultation-edit"),
    path("voice/you-said-we-did/", voice.you_said_we_did_view, name="you-said-we-did"),
    path(
        "voice/you-said-we-did/export.csv", voice.you_said_we_did_export_view, name="you-said-we-did-export"
    ),
    path("organisation/", organisation_index.organisation_view, name="organisation"),
    # Learning briefings.
    path("briefings/", briefings.briefing_list_view, name="briefing-list"),
    path("briefings/export.csv", briefings.briefing_export_view, name="briefing-export"),
    path("briefings/reach.csv", dissemination.reach_export_view, name="briefing-reach-all-export"),
    path("briefings/new/", briefings.briefing_create_view, name="briefing-create"),
    path("briefings/<int:pk>/", briefings.briefing_detail_view, name="briefing-detail"),
    path("briefings/<int:pk>/edit/", briefings.briefing_edit_view, name="briefing-edit"),
    path("briefings/<int:pk>/publish/", briefings.briefing_publish_view, name="briefing-publish"),
    path("briefings/<int:pk>/delete/", briefings.briefing_delete_view, name="briefing-delete"),
    path("briefings/<int:pk>/briefing.pdf", briefings.briefing_pdf_view, name="briefing-pdf"),
    # Dissemination: a source's plan, agencies' cascades of a briefing, feedback on a briefing.
    path(
        "sources/<int:source_pk>/dissemination/new/",
        dissemination.dissemination_item_create_view,
        name="dissemination-create",
    ),
    path(
        "dissemination/<int:pk>/edit/", dissemination.dissemination_item_edit_view, name="dissemination-edit"
    ),
    path(
        "dissemination/<int:pk>/remove/",
        dissemination.dissemination_item_remove_view,
        name="dissemination-remove",
    ),
    path("cascade/<str:token>/", dissemination.cascade_link_view, name="cascade-link"),
    path("cascades/<int:pk>/confirm/", dissemination.cascade_confirm_view, name="cascade-confirm"),
    path(
        "briefings/<int:pk>/reach.csv", dissemination.briefing_reach_export_view, name="briefing-reach-export"
    ),
    path("briefings/<int:pk>/feedback/", dissemination.briefing_feedback_view, name="briefing-feedback"),
    path("feedback/<str:token>/", dissemination.briefing_feedback_link_view, name="briefing-feedback-link"),
    # Action plans and actions.
    path("sources/<int:source_pk>/plan/new/", plan_pages.plan_create_view, name="plan-create"),
    path("sources/<int:source_pk>/risks/new/", risks.risk_flag_create_view, name="risk-create"),
    path("risks/", risks.risk_list_view, name="risk-list"),
    path("risks/export.csv", risks.risk_export_view, name="risk-export"),
    path("risks/<int:pk>/", risks.risk_detail_view, name="risk-detail"),
    path("risks/<int:pk>/response/", risks.risk_respond_view, name="risk-respond"),
    path("plans/<int:pk>/", plan_pages.plan_detail_view, name="plan-detail"),
    path("plans/<int:pk>/edit/", plan_pages.plan_edit_view, name="plan-edit"),
    path("plans/<int:pk>/actions/new/", action_pages.action_create_view, name="action-create"),
    path("actions/<int:pk>/", action_pages.action_detail_view, name="action-detail"),
    path("actions/<int:pk>/update/", action_pages.action_update_view, name="action-update"),
    path("actions/<int:pk>/evidence/new/", action_pages.action_evidence_view, name="action-evidence"),
    path("evidence/<int:pk>/download/", action_pages.evidence_download_view, name="evidence-download"),
    path("actions/<int:pk>/complete/", action_pages.action_complete_view, name="action-complete"),
    path("actions/<int:pk>/sign-off/accept/", action_pages.action_accept_view, name="action-accept"),
    path("actions/<int:pk>/sign-off/return/", action_pages.action_return_view, name="action-return"),
    path("actions/<int:pk>/cancel/", action_pages.action_cancel_view, name="action-cancel"),
    path("actions/<int:pk>/due-date/", action_pages.action_due_date_view, name="action-due-date"),
    # The lists of plans and actions, their exports and the import of a plan's actions.
    path("plans/", action_lists.plan_list_view, name="plan-list"),
    path("plans/export.csv", action_exports.plan_export_view, {"fmt": "csv"}, name="plan-export-csv"),
    path("plans/export.xlsx", action_exports.plan_export_view, {"fmt": "xlsx"}, name="plan-export-xlsx"),
    path("plans/<int:pk>/import/", action_imports.plan_import_view, name="plan-import"),
    path(
        "plans/<int:pk>/import/template.<str:fmt>/",
        action_imports.plan_import_template_view,
        name="plan-import-template",
    ),
    path("actions/", action_lists.action_list_view, name="action-list"),
    path("actions/export.csv", action_exports.action_export_view, {"fmt": "csv"}, name="action-export-csv"),
    path(
        "actions/export.xlsx", action_exports.action_export_view, {"fmt": "xlsx"}, name="action-export-xlsx"
    ),
    # Security events.
    path("security-events/", security.security_event_list_view, name="security-events"),
    path("security-events/export.csv", security.security_event_export_view, name="security-events-export"),
    # The menu's section pages.
    path("sections/<slug:slug>/", sections.section_view, name="section"),
]

urlpatterns = [
    path("healthz", core.healthz_view, name="healthz"),
    path("admin/", admin.site.urls),
    path("reviews/", include("reviews.urls")),
    path("audits/", include("audits.urls")),
    path("training/", include("training.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("meetings/", include("governance.urls")),
    path("api/", include("api.urls")),
    path("", include((core_patterns, "partnership"))),
]
