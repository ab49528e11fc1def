"""Agencies, subgroups and themes: open to everyone signed in, as on the pages."""

from partnership import selectors
from partnership.models import Agency, Subgroup, Theme

from ..serializers.organisation import AgencySerializer, SubgroupSerializer, ThemeSerializer
from .base import ScopedReadOnlyViewSet


class AgencyViewSet(ScopedReadOnlyViewSet):
    """Partner agencies."""

    queryset = Agency.objects.none()
    serializer_class = AgencySerializer
    selector = staticmethod(selectors.agencies_visible_to)
    csv_name = "agencies"


class SubgroupViewSet(ScopedReadOnlyViewSet):
    """The partnership's subgroups."""

    queryset = Subgroup.objects.none()
    serializer_class = SubgroupSerializer
    csv_name = "subgroups"

    def scoped_queryset(self):
        # The pages' selector prefetches every seat for the subgroup pages; the API shows none.
        return selectors.subgroups_visible_to(self.request.user).prefetch_related(None)


class ThemeViewSet(ScopedReadOnlyViewSet):
    """Learning themes."""

    queryset = Theme.objects.none()
    serializer_class = ThemeSerializer
    selector = staticmethod(selectors.themes_visible_to)
    csv_name = "themes"
