"""What the programme's pages (and the attendees, needs and coverage pages beside them in
training/views/) share: who may open them, the querysets behind the pages, and the two guards
every view starts with. The lists' sort/filter/page step is the core's view toolkit.

Access: the programme, its courses and sessions are read by everyone who may open training at
all (`permissions.can_view_training`: those who oversee it, and agency leads); everyone else
signed in gets a 403. Whatever is about people (attendees, needs, coverage) goes through
`training.selectors`, which limit an agency lead to their own agency (another's is a 404). The
business unit changes everything (`permissions.can_manage_training`; others who read get 403).
"""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partnership.views.toolkit import require

from ... import permissions, selectors
from ...models import Course, Programme, Session


def require_viewer(user) -> None:
    """A 403 for anyone who may not open training at all."""
    require(permissions.can_view_training(user))


def require_manager(user) -> None:
    """A 403 for anyone who reads training but may not change it (after `require_viewer`)."""
    require(permissions.can_manage_training(user))


# --- what the pages read ---------------------------------------------------------------------


def programmes():
    return Programme.objects.select_related("subgroup").annotate(course_count=Count("courses", distinct=True))


def get_session(request, pk: int) -> Session:
    require_viewer(request.user)
    return get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)


def get_course(request, pk: int) -> Course:
    require_viewer(request.user)
    return get_object_or_404(selectors.courses_visible_to(request.user), pk=pk)


def attendees_of(session: Session, user):
    """The session's attendees this person may see (an agency lead: their agency's only)."""
    return selectors.attendees_visible_to(user).filter(session=session).order_by("booked_at", "pk")


def course_with_sessions(course_qs, user):
    """Courses with their sessions (and places held) prefetched, for a course's page."""
    sessions = selectors.sessions_visible_to(user).order_by("starts_at", "pk")
    return course_qs.prefetch_related(Prefetch("sessions", queryset=sessions, to_attr="session_list"))


def upcoming(queryset):
    return queryset.filter(ends_at__gte=timezone.now())
