"""What the API adds to the core's extension points (partnership/extensions.py), registered
from ApiConfig.ready(): the link to the person's API tokens on their account page."""

from partnership import extensions as ext


def register(app) -> None:
    ext.register(
        app,
        ext.ACCOUNT_BLOCKS,
        ext.PageBlock(ext.ACCOUNT, "api/_account_tokens.html", lambda user, today: {}),
    )
