"""Pages of JSON lists: `?page=2&page_size=200`, 100 rows a page by default, 500 at most. CSV
is not paged: a reporting tool gets every row the filters match (see `views.base`)."""

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
