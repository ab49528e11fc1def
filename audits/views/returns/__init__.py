"""Section 11 rounds and agencies' returns: the pages partners use most.

lists.py: the lists of rounds and of returns, with their CSV exports. rounds.py: setting a
round up, opening it and inviting more agencies, and a round's page with every invited agency's progress (each person sees the rows they may see).
return_pages.py: one agency's return by standard, with last round's answer beside each
requirement, and the steps of its life (carry forward, submit, send back, accept, planned
improvements, colleagues). edits.py: changing and removing planned improvements, and taking
colleagues off a return. answers.py: the form for one standard's answers and evidence files.
"""

from django.urls import path

from . import answers, edits, lists, return_pages, rounds

urlpatterns = [
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
]
