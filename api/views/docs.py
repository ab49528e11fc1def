"""The OpenAPI schema and its browsable documentation (Swagger UI).

The documentation page is an ordinary signed-in page. Swagger UI's JavaScript and CSS come from
drf-spectacular-sidecar's static files (no CDN), and its start-up script from a second request
to the same view (`SpectacularSwaggerSplitView`), so the page keeps the service's strict
Content-Security-Policy: no inline script, and no inline style (`templates/api/swagger_ui.html`
drops the one drf-spectacular puts in its page for `api/docs.css`).
"""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema, for tokens and signed-in sessions."""


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    title = "API documentation"


docs_view = DocsView.as_view()
# An ordinary signed-in page: a visitor who is not signed in is sent to sign in (REST
# framework's views opt out of that redirect by default).
docs_view.login_required = True
