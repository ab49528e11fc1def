"""Middleware of our own: small, and each for one reason."""


class NoStoreForSignedInMiddleware:
    """Pages and downloads for a signed-in person hold partnership data: never cache them,
    in the browser or any proxy, so the back button after signing out shows nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
