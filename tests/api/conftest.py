"""Fixtures of the API tests: a token per person, and a client that sends it as Power BI would."""

import pytest
from django.test import Client

from api.services import token_create


@pytest.fixture
def token_for(db):
    """`token_for(user)`: a new API token's key for that person."""

    def make(user, name="Power BI"):
        return token_create(name=name, actor=user).key

    return make


@pytest.fixture
def api_for(token_for):
    """`api_for(user)`: a client that sends `Authorization: Token <key>` with every request
    (None: a client with no credentials)."""

    def make(user):
        if user is None:
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Token {token_for(user)}")

    return make
