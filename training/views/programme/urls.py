"""URLs of the programme area of training: the landing page, programmes, courses and their
outcomes, sessions and their people, attendance, the needs assessment and coverage returns."""

from . import attendees, courses, coverage, index, needs, programmes, sessions

urlpatterns = [
    *index.urlpatterns,
    *programmes.urlpatterns,
    *courses.urlpatterns,
    *sessions.urlpatterns,
    *attendees.urlpatterns,
    *needs.urlpatterns,
    *coverage.urlpatterns,
]
