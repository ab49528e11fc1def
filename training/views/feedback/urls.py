"""URLs of the feedback area of training: the business unit's impact examples pages.

The evaluation and follow-up forms have no URL of their own: they are reached through the
booking area's emailed-link URL (`training:link`), which calls `forms.evaluation_link_view` and
`forms.follow_up_link_view`.
"""

from . import impact

urlpatterns = [*impact.urlpatterns]
