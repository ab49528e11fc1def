"""What every API view shares: scoping through the apps' selectors, the page-level gate, and
CSV output of whole lists.

A viewset names its `selector` (`<things>_visible_to(user)` of the app that owns the data), so
an object outside the person's scope is a 404, never a leak; and optionally a `gate`, the same
predicate the app's pages check before anything else (`can_view_training`, `can_view_dataset`):
a person the pages refuse gets a 403 here too. JSON lists are paged; CSV lists hold every row
the filters match, streamed, for reporting tools.
"""

from django.http import StreamingHttpResponse
from django.utils import timezone
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from partnership import fragments

from ..renderers import csv_lines, flatten


class CsvListMixin:
    """`?format=csv` (or `Accept: text/csv`) on a list: every matching row, streamed."""

    csv_name = "export"

    def is_csv(self) -> bool:
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", None) == "csv"

    def csv_rows(self, objects):
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        for obj in objects:
            yield flatten(serializer_class(obj, context=context).data)

    def csv_response(self, objects) -> StreamingHttpResponse:
        header = list(self.get_serializer_class()().fields)
        lines = csv_lines(self.csv_rows(objects))
        response = StreamingHttpResponse(_with_header(lines, header), content_type="text/csv; charset=utf-8")
        filename = f"{self.csv_name}-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _with_header(lines, header):
    """The CSV lines, or just a header line when there are no rows."""
    empty = True
    for line in lines:
        empty = False
        yield line
    if empty:
        yield ",".join(header) + "\r\n"


def iterate(queryset):
    """Rows of a queryset in chunks (prefetches included), without holding them all at once."""
    if hasattr(queryset, "iterator"):
        return queryset.iterator(chunk_size=500)
    return iter(queryset)


class ScopedReadOnlyViewSet(CsvListMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail of what `selector(user)` allows, behind `gate(user)`."""

    selector = None  # staticmethod: user -> QuerySet
    gate = None  # staticmethod: user -> bool (the pages' own check; a 403 when False)

    def check_gate(self) -> None:
        gate = type(self).gate
        if gate is not None and not gate(self.request.user):
            raise PermissionDenied("You do not have access to this part of the service.")

    def scoped_queryset(self):
        return type(self).selector(self.request.user)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular building the schema
            return self.queryset
        self.check_gate()
        return self.scoped_queryset()

    def list(self, request, *args, **kwargs):
        if self.is_csv():
            return self.csv_response(iterate(self.filter_queryset(self.get_queryset())))
        # A page of the list is kept per person and query until the data changes
        # (partnership/fragments.py); the gate is asked first, every time.
        self.check_gate()
        data = fragments.kept(
            f"api-{self.basename}",
            request.user.pk,
            request.path,
            sorted(request.query_params.lists()),
            make=lambda: super(ScopedReadOnlyViewSet, self).list(request, *args, **kwargs).data,
        )
        return Response(data)
