"""Token authentication for the API: `Authorization: Token <key>` (or `Bearer <key>`).

A missing header leaves the request to the next authenticator (the browser session, for the
docs); a header with an unknown, revoked or deactivated person's key is a 401. The person the
token belongs to is `request.user`, so every selector scopes the answer exactly as the pages do.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .services import token_for_key

KEYWORDS = ("token", "bearer")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give the token as: Authorization: Token <key>")
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("That token is not valid.") from exc
        token = token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                "That token is not valid, has been revoked, or its owner is inactive."
            )
        return (token.owner, token)

    def authenticate_header(self, request):
        return 'Token realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A personal API token, created under "Your account": `Token <key>` (or `Bearer <key>`).',
        }
