"""Project-wide middleware: the user's language, the extra security headers,
and no stored copies of what a signed-in person sees."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def chosen_language(request) -> str:
    """The language the visitor chose with the language switch, else bokmål.

    The browser's Accept-Language is not consulted: staff share computers and
    projectors, and the product speaks Norwegian unless someone asks otherwise.
    An unknown code in the cookie is ignored.
    """
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in SUPPORTED_LANGUAGES else settings.LANGUAGE_CODE


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set."""

    PERMISSIONS_POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class PrivateResponsesMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in
    person (QUALITY.md S13): pages, htmx fragments, downloads, redirects and
    errors alike, so neither the browser (a shared computer, its back button)
    nor a proxy keeps a copy after they log out. Anonymous responses keep the
    caching they have.

    Placed after AuthenticationMiddleware: it reads ``request.user``, which
    SessionLimitsMiddleware has already loaded, so it costs no query. Static
    files are served by WhiteNoise before it and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
