"""The one way settings read the environment.

Every variable read here is listed in `.env.example`. Development has embedded defaults so that
`make run` works on a fresh machine; production (LEARNING_ENV=production) refuses to start
without the variables that must never have a default.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is read if present, never required.
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

ENVIRONMENT = env.str("LEARNING_ENV", default="development")
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured("LEARNING_ENV must be development, production or test.")
IS_PRODUCTION = ENVIRONMENT == "production"

VAR_DIR = Path(env.str("LEARNING_VAR_DIR", default=str(BASE_DIR / "var")))


def required_in_production(name: str, development_default):
    """Read `name`; in production it must be set, elsewhere `development_default()` supplies it."""
    value = env.str(name, default="")
    if value:
        return value
    if IS_PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set when LEARNING_ENV=production.")
    return development_default()


def local_secret_key() -> str:
    """A development secret kept in var/ so sessions survive restarts; never used in production."""
    import secrets

    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()
