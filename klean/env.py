"""Reading settings from environment variables.

Small, explicit helpers so that ``klean/settings.py`` reads as a list of
settings, each with its variable and default in one line.
"""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def email_settings(url: str) -> dict:
    """Django e-mail settings from an ``EMAIL_URL``.

    ``console://`` prints mail to standard output, ``locmem://`` keeps it in
    memory (tests), ``smtp://user:password@host:587`` sends with STARTTLS and
    ``smtps://…:465`` with implicit TLS. ``?from=`` sets the sender.
    """
    parsed = urlparse(url)
    query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    settings = {}
    if "from" in query:
        settings["DEFAULT_FROM_EMAIL"] = query["from"]
        settings["SERVER_EMAIL"] = query["from"]
    scheme = parsed.scheme
    if scheme == "console":
        settings["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
    elif scheme == "locmem":
        settings["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    elif scheme in {"smtp", "smtps"}:
        settings.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=parsed.hostname or "localhost",
            EMAIL_PORT=parsed.port or (465 if scheme == "smtps" else 587),
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_SSL=scheme == "smtps",
            EMAIL_USE_TLS=scheme == "smtp" and query.get("tls", "true").lower() in TRUE,
            EMAIL_TIMEOUT=10,
        )
    else:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with console://, locmem://, smtp:// or smtps://, not {url!r}"
        )
    return settings


def redis_url_with_db(url: str, db: int) -> str:
    """The same Redis server, another database number (the cache is kept apart
    from the task broker, so that clearing one never empties the other)."""
    if not url:
        return ""
    parts = urlparse(url)
    return parts._replace(path=f"/{db}").geturl()
