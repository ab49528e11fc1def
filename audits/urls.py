"""Every URL of audits and Section 11 (namespace `audits`): Section 11 rounds and returns,
self-assessment frameworks, peer challenge and the overview, then the audit programme,
multi-agency and single-agency audits, and inspections."""

from django.urls import path

from .views import frameworks
from .views.audits import (
    audit_edits,
    audit_parts,
    inspections,
    multi_agency,
    programmes,
    reaudits,
    single_agency,
)
from .views.panel import challenge, overview, sessions
from .views.section11 import answers, edits, escalations, lists, return_pages, rounds

app_name = "audits"

FRAMEWORK = "section11/frameworks/<int:pk>"

urlpatterns = [
    # Section 11 rounds and agencies' returns
    path("section11/", lists.round_list_view, name="round-list"),
    path("section11/export.csv", lists.round_export_view, name="round-export"),
    path("section11/returns/", lists.return_list_view, name="return-list"),
    path("section11/returns/export.csv", lists.return_export_view, name="return-export"),
    path("section11/new/", rounds.round_create_view, name="round-create"),
    path("section11/<int:pk>/", rounds.round_detail_view, name="round-detail"),
    path("section11/<int:pk>/open/", rounds.round_open_view, name="round-open"),
    path("section11/<int:pk>/invite/", rounds.round_invite_view, name="round-invite"),
    path("returns/<int:pk>/", return_pages.return_detail_view, name="return-detail"),
    path(
        "returns/<int:pk>/carry-forward/", return_pages.return_carry_forward_view, name="return-carry-forward"
    ),
    path("returns/<int:pk>/submit/", return_pages.return_submit_view, name="return-submit"),
    path("returns/<int:pk>/send-back/", return_pages.return_send_back_view, name="return-send-back"),
    path("returns/<int:pk>/accept/", return_pages.return_accept_view, name="return-accept"),
    path(
        "returns/<int:pk>/escalation/response/",
        escalations.escalation_response_view,
        name="return-escalation-response",
    ),
    path(
        "returns/<int:pk>/improvements/new/",
        return_pages.return_improvement_add_view,
        name="return-improvement-add",
    ),
    path(
        "returns/<int:pk>/contributors/new/",
        return_pages.return_contributor_add_view,
        name="return-contributor-add",
    ),
    path(
        "returns/<int:pk>/improvements/<int:improvement_pk>/edit/",
        edits.return_improvement_edit_view,
        name="return-improvement-edit",
    ),
    path(
        "returns/<int:pk>/improvements/<int:improvement_pk>/delete/",
        edits.return_improvement_delete_view,
        name="return-improvement-delete",
    ),
    path(
        "returns/<int:pk>/contributors/<int:user_pk>/remove/",
        edits.return_contributor_remove_view,
        name="return-contributor-remove",
    ),
    path("returns/<int:pk>/standards/<int:number>/", answers.return_standard_view, name="return-standard"),
    path(
        "returns/<int:pk>/requirements/<int:requirement_pk>/files/new/",
        answers.return_answer_file_view,
        name="return-answer-file",
    ),
    path(
        "returns/<int:pk>/answer-files/<int:file_pk>/delete/",
        edits.return_answer_file_delete_view,
        name="return-answer-file-delete",
    ),
    path("answer-files/<int:pk>/", answers.answer_file_download_view, name="answer-file-download"),
    # Self-assessment frameworks
    path("section11/frameworks/", frameworks.framework_list_view, name="framework-list"),
    path("section11/frameworks/new/", frameworks.framework_create_view, name="framework-create"),
    path(f"{FRAMEWORK}/", frameworks.framework_detail_view, name="framework-detail"),
    path(f"{FRAMEWORK}/edit/", frameworks.framework_edit_view, name="framework-edit"),
    path(f"{FRAMEWORK}/standards/new/", frameworks.standard_form_view, name="standard-add"),
    path(
        f"{FRAMEWORK}/standards/<int:standard_pk>/edit/", frameworks.standard_form_view, name="standard-edit"
    ),
    path(
        f"{FRAMEWORK}/standards/<int:standard_pk>/delete/",
        frameworks.standard_delete_view,
        name="standard-delete",
    ),
    path(
        f"{FRAMEWORK}/standards/<int:standard_pk>/requirements/new/",
        frameworks.requirement_form_view,
        name="requirement-add",
    ),
    path(
        f"{FRAMEWORK}/requirements/<int:requirement_pk>/edit/",
        frameworks.requirement_form_view,
        name="requirement-edit",
    ),
    path(
        f"{FRAMEWORK}/requirements/<int:requirement_pk>/delete/",
        frameworks.requirement_delete_view,
        name="requirement-delete",
    ),
    path(f"{FRAMEWORK}/levels/new/", frameworks.level_form_view, name="level-add"),
    path(f"{FRAMEWORK}/levels/<int:level_pk>/edit/", frameworks.level_form_view, name="level-edit"),
    path(f"{FRAMEWORK}/levels/<int:level_pk>/delete/", frameworks.level_delete_view, name="level-delete"),
    # Peer challenge and the round's overview
    path("section11/<int:round_pk>/sessions/", sessions.session_list_view, name="session-list"),
    path("section11/<int:round_pk>/sessions/new/", sessions.session_create_view, name="session-create"),
    path("sessions/<int:pk>/", sessions.session_detail_view, name="session-detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit_view, name="session-edit"),
    path("returns/<int:pk>/challenge/", challenge.challenge_summary_view, name="challenge-summary"),
    path("returns/<int:pk>/challenge/<int:number>/", challenge.challenge_view, name="challenge"),
    path("section11/<int:pk>/overview/", overview.overview_view, name="overview"),
    path("section11/<int:pk>/overview.xlsx", overview.overview_xlsx_view, name="overview-xlsx"),
    path("section11/<int:pk>/overview.csv", overview.overview_csv_view, name="overview-csv"),
    path("section11/<int:pk>/overview.pdf", overview.overview_pdf_view, name="overview-pdf"),
    path("section11/<int:pk>/reported/", overview.overview_reported_view, name="overview-reported"),
    # The audit programme, multi-agency and single-agency audits, inspections
    path("programmes/", programmes.programme_list_view, name="programme-list"),
    path("programmes/new/", programmes.programme_create_view, name="programme-create"),
    path("programmes/<int:pk>/edit/", programmes.programme_edit_view, name="programme-edit"),
    path("multi-agency/", multi_agency.audit_list_view, name="audit-list"),
    path("multi-agency/export.csv", multi_agency.audit_export_view, name="audit-export"),
    path("multi-agency/new/", multi_agency.audit_create_view, name="audit-create"),
    path("multi-agency/<int:pk>/", multi_agency.audit_detail_view, name="audit-detail"),
    path("multi-agency/<int:pk>/edit/", multi_agency.audit_edit_view, name="audit-edit"),
    path("multi-agency/<int:pk>/re-audit/", multi_agency.audit_reaudit_view, name="audit-reaudit"),
    path("multi-agency/<int:pk>/before-and-after/", reaudits.audit_comparison_view, name="audit-comparison"),
    path(
        "multi-agency/<int:pk>/before-and-after.csv",
        reaudits.audit_comparison_export_view,
        name="audit-comparison-export",
    ),
    path("multi-agency/<int:pk>/lines-of-enquiry/new/", audit_parts.audit_loe_add_view, name="audit-loe-add"),
    path(
        "multi-agency/<int:pk>/participants/new/",
        audit_parts.audit_participant_add_view,
        name="audit-participant-add",
    ),
    path("multi-agency/<int:pk>/cases/new/", audit_parts.audit_case_add_view, name="audit-case-add"),
    path("multi-agency/<int:pk>/findings/new/", audit_parts.audit_finding_add_view, name="audit-finding-add"),
    path("multi-agency/<int:pk>/workshop/", audit_parts.audit_workshop_view, name="audit-workshop"),
    path("multi-agency/<int:pk>/overview/", audit_parts.audit_overview_view, name="audit-overview"),
    path(
        "multi-agency/<int:pk>/lines-of-enquiry/<int:line_pk>/edit/",
        audit_edits.audit_loe_edit_view,
        name="audit-loe-edit",
    ),
    path(
        "multi-agency/<int:pk>/lines-of-enquiry/<int:line_pk>/delete/",
        audit_edits.audit_loe_delete_view,
        name="audit-loe-delete",
    ),
    path(
        "multi-agency/<int:pk>/participants/<int:participant_pk>/edit/",
        audit_edits.audit_participant_edit_view,
        name="audit-participant-edit",
    ),
    path(
        "multi-agency/<int:pk>/participants/<int:participant_pk>/delete/",
        audit_edits.audit_participant_delete_view,
        name="audit-participant-delete",
    ),
    path(
        "multi-agency/<int:pk>/cases/<int:case_pk>/edit/",
        audit_edits.audit_case_edit_view,
        name="audit-case-edit",
    ),
    path(
        "multi-agency/<int:pk>/cases/<int:case_pk>/delete/",
        audit_edits.audit_case_delete_view,
        name="audit-case-delete",
    ),
    path("single-agency/", single_agency.single_audit_list_view, name="single-audit-list"),
    path("single-agency/export.csv", single_agency.single_audit_export_view, name="single-audit-export"),
    path("single-agency/new/", single_agency.single_audit_create_view, name="single-audit-create"),
    path("single-agency/<int:pk>/", single_agency.single_audit_detail_view, name="single-audit-detail"),
    path("single-agency/<int:pk>/edit/", single_agency.single_audit_edit_view, name="single-audit-edit"),
    path("inspections/", inspections.inspection_list_view, name="inspection-list"),
    path("inspections/export.csv", inspections.inspection_export_view, name="inspection-export"),
    path("inspections/new/", inspections.inspection_create_view, name="inspection-create"),
    path("inspections/<int:pk>/", inspections.inspection_detail_view, name="inspection-detail"),
    path("inspections/<int:pk>/edit/", inspections.inspection_edit_view, name="inspection-edit"),
    path("inspections/<int:pk>/report/", inspections.inspection_report_view, name="inspection-report"),
]
