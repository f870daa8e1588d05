"""Keeping bots out of the resident's form without a captcha (QUALITY.md S6,
FEEDBACK-UX.md §3), and without storing anything that says who answered.

* **Honeypot**: a field with a meaningless name, hidden from eyes and from
  screen readers, out of the tab order and with autocomplete off. A post that
  fills it is thanked and not stored.
* **Render token**: each rendering of the form carries a token signed with
  ``TimestampSigner`` holding the form's id, the time it was issued and a
  random nonce. A post sooner than ``KLEAN_FEEDBACK_MIN_SECONDS`` (3 s) after
  the page was rendered is not stored: the form comes back with the answers
  kept and a gentle "send again". A token older than ``TOKEN_MAX_AGE`` is
  replaced by a fresh one, also with the answers kept. Three seconds is the
  only time rule: screen-reader and keyboard users take longer than that to
  read the first question.
* **Single use**: the nonce is marked used in the cache when the answers are
  stored; the same post again (a double click, the browser resending) is
  thanked and not stored twice.
* **Rate limit**: more than ``KLEAN_FEEDBACK_POSTS_PER_MINUTE`` (30) posts a
  minute from one client address to one form → 429 with a friendly page. The
  count is kept in the cache under a keyed hash of the address and expires
  with its minute (``klean.ratelimit``).
* **Kiosk tablets** are exempt from the rate limit: a facilitator who opens
  the kiosk page signed in with permission to contribute to the form's
  project gets a signed cookie for that form's kiosk address on that device
  (``KIOSK_COOKIE_DAYS`` days). A kiosk opened without it works the same, and
  is rate limited like any other client.
"""

import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core import signing
from django.core.cache import cache

from klean.ratelimit import over_limit

#: The honeypot's field name: means nothing, so that no browser or password
#: manager fills it in on the resident's behalf.
HONEYPOT_FIELD = "kx_field_7"
TOKEN_FIELD = "render_token"  # noqa: S105 (a field name)
#: A rendering of the form is good for this long; an older one is replaced.
TOKEN_MAX_AGE = timedelta(hours=12)
KIOSK_COOKIE = "klean_kiosk"
KIOSK_COOKIE_DAYS = 60
#: Rotated on each kiosk answer: a browser does not restore a page from its
#: back/forward cache after an HttpOnly cookie changed (FEEDBACK-UX.md §5).
KIOSK_VISIT_COOKIE = "klean_kiosk_visit"
RATE_WINDOW = timedelta(minutes=1)

_RENDER_SALT = "feedback.render"
_KIOSK_SALT = "feedback.kiosk"


def min_seconds() -> float:
    return float(getattr(settings, "KLEAN_FEEDBACK_MIN_SECONDS", 3))


def posts_per_minute() -> int:
    return int(getattr(settings, "KLEAN_FEEDBACK_POSTS_PER_MINUTE", 30))


# --- The render token ---------------------------------------------------------------


def issue_token(form_id: int, *, issued_at: float | None = None) -> str:
    """A signed token for one rendering of form ``form_id``."""
    payload = {
        "f": form_id,
        "t": round(time.time() if issued_at is None else issued_at, 2),
        "n": secrets.token_urlsafe(12),
    }
    return signing.TimestampSigner(salt=_RENDER_SALT).sign_object(payload, compress=False)


class TokenState(Enum):
    OK = "ok"
    MISSING = "missing"  # absent, tampered with or for another form
    EXPIRED = "expired"
    TOO_FAST = "too_fast"


@dataclass(frozen=True)
class Token:
    state: TokenState
    nonce: str = ""

    @property
    def reusable(self) -> bool:
        """Whether the form may be shown again with this token (its clock keeps running)."""
        return self.state in (TokenState.OK, TokenState.TOO_FAST)


def read_token(value: str, form_id: int, *, now: float | None = None) -> Token:
    if not value or len(value) > 300:
        return Token(TokenState.MISSING)
    signer = signing.TimestampSigner(salt=_RENDER_SALT)
    try:
        payload = signer.unsign_object(value, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        return Token(TokenState.EXPIRED)
    except (signing.BadSignature, ValueError, TypeError):
        return Token(TokenState.MISSING)
    if not isinstance(payload, dict) or payload.get("f") != form_id:
        return Token(TokenState.MISSING)
    nonce = str(payload.get("n", ""))
    try:
        issued = float(payload.get("t"))
    except (TypeError, ValueError):
        return Token(TokenState.MISSING)
    now = time.time() if now is None else now
    if now - issued < min_seconds():
        return Token(TokenState.TOO_FAST, nonce)
    return Token(TokenState.OK, nonce)


def _nonce_key(nonce: str) -> str:
    return f"feedback:nonce:{nonce}"


def use_nonce(nonce: str) -> bool:
    """Mark a token's nonce used; False when it was used already (a replay).

    While the cache is unreachable ``add`` fails and nothing is remembered:
    the answer is stored rather than lost (a replay then stores twice).
    """
    key = _nonce_key(nonce)
    timeout = int(TOKEN_MAX_AGE.total_seconds()) + 60
    if cache.add(key, 1, timeout=timeout):
        return True
    return cache.get(key) is None


def nonce_used(nonce: str) -> bool:
    """Whether the answers of the rendering with this nonce were stored already."""
    return cache.get(_nonce_key(nonce)) is not None


def release_nonce(nonce: str) -> None:
    """The answers could not be stored after all: let the same post try again."""
    cache.delete(_nonce_key(nonce))


# --- Honeypot, rate limit and kiosk --------------------------------------------------


def honeypot_filled(data) -> bool:
    return bool(str(data.get(HONEYPOT_FIELD, "")).strip())


def client_address(request) -> str:
    """The client's address as the login protection sees it (behind a proxy when
    configured); only ever hashed, never stored."""
    return get_client_ip_address(request) or ""


def rate_limited(request, form_id: int) -> bool:
    """Count this post and say whether the client is over the form's limit."""
    return over_limit(
        "feedback-post",
        f"{form_id}:{client_address(request)}",
        limit=posts_per_minute(),
        per=RATE_WINDOW,
    )


def kiosk_cookie_value(form_id: int) -> str:
    return signing.dumps({"kiosk": form_id}, salt=_KIOSK_SALT, compress=False)


def is_enrolled_kiosk(request, form_id: int) -> bool:
    value = request.COOKIES.get(KIOSK_COOKIE, "")
    if not value:
        return False
    try:
        payload = signing.loads(value, salt=_KIOSK_SALT, max_age=timedelta(days=KIOSK_COOKIE_DAYS))
    except signing.BadSignature:
        return False
    return isinstance(payload, dict) and payload.get("kiosk") == form_id
