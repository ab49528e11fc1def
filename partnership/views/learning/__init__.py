"""Pages of the learning chain and of children's voice.

- `chain`: a source of learning's page, and adding or changing its findings and recommendations.
- `panel`: the learning panel every source page includes (`learning_panel_context`).
- `voice`: consultations with children and young people, the core's own source of learning.
- `organisation_index`: the "Organisation" page that gathers the organisation's lists.
"""

from django.urls import path

from .chain import (
    finding_create_view,
    finding_edit_view,
    recommendation_create_view,
    recommendation_edit_view,
    source_detail_view,
)
from .organisation_index import organisation_view
from .panel import LearningPanel, learning_panel_context
from .voice import (
    consultation_create_view,
    consultation_detail_view,
    consultation_edit_view,
    consultation_export_view,
    consultation_list_view,
    you_said_we_did_export_view,
    you_said_we_did_view,
)

__all__ = ["LearningPanel", "learning_panel_context", "urlpatterns"]

urlpatterns = [
    path("sources/<int:pk>/", source_detail_view, name="source-detail"),
    path("sources/<int:source_pk>/findings/new/", finding_create_view, name="finding-create"),
    path("findings/<int:pk>/edit/", finding_edit_view, name="finding-edit"),
    path(
        "sources/<int:source_pk>/recommendations/new/",
        recommendation_create_view,
        name="recommendation-create",
    ),
    path("recommendations/<int:pk>/edit/", recommendation_edit_view, name="recommendation-edit"),
    path("voice/consultations/", consultation_list_view, name="consultation-list"),
    path("voice/consultations/export.csv", consultation_export_view, name="consultation-export"),
    path("voice/consultations/new/", consultation_create_view, name="consultation-create"),
    path("voice/consultations/<int:pk>/", consultation_detail_view, name="consultation-detail"),
    path("voice/consultations/<int:pk>/edit/", consultation_edit_view, name="consultation-edit"),
    path("voice/you-said-we-did/", you_said_we_did_view, name="you-said-we-did"),
    path("voice/you-said-we-did/export.csv", you_said_we_did_export_view, name="you-said-we-did-export"),
    path("organisation/", organisation_view, name="organisation"),
]
