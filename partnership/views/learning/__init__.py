"""Pages of the learning chain and of children's voice.

- `chain`: a source of learning's page, and adding or changing its findings and recommendations.
- `panel`: the learning panel every source page includes (`learning_panel_context`).
- `voice`: consultations with children and young people, the core's own source of learning.
- `organisation_index`: the "Organisation" page that gathers the organisation's lists.
"""
