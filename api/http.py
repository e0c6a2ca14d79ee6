"""HTTP around every address of the API, as a program expects it.

- ``?lang=en|fr|es`` chooses the language of translated fields (not the address: the API
  has one address per resource);
- a rate limit per client address (API_RATE_LIMIT, e.g. "300/m"): 429 with Retry-After;
- every 4xx is JSON with a message (Django's own 404 and 405 included);
- CORS for GET from any origin; Cache-Control, ETag and Last-Modified with 304 answers;
- answers are marked public for the page cache (ccm_portal/lib/cache.py), which stores them
  for anonymous clients and invalidates them with the HTML pages.

Answers served from the page cache skip the view and so the rate limit: they cost no query.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.csrf import csrf_exempt

from ccm_portal.lib.cache import PUBLIC_ATTRIBUTE
from ccm_portal.lib.ratelimit import hit

from .base import error_body

LANGUAGES = ("en", "fr", "es")
DEFAULT_LIMIT = "300/m"


def _json_error(status: int, message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse(error_body(status, message, field), status=status)


def _as_json(response: HttpResponse) -> HttpResponse:
    """A 4xx that is not JSON yet (Django's 404, a 405) becomes one."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
        return response
    if response.status_code == 405:
        allowed = response.get("Allow", "GET")
        converted = _json_error(405, f"Method not allowed; this address answers {allowed}.")
        converted["Allow"] = allowed
        return converted
    return _json_error(response.status_code, "Not found." if response.status_code == 404 else "Bad request.")


def _finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Vary"] = "Accept-Encoding"
    if response.status_code != 200 or request.method not in ("GET", "HEAD"):
        patch_cache_control(response, no_cache=True)
        return response
    if response.streaming:  # a CSV export: computed as it is sent, so no validators
        patch_cache_control(response, public=True, max_age=int(getattr(settings, "PUBLIC_PAGE_MAX_AGE", 0)))
        return response
    etag = 'W/"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=int(getattr(settings, "PUBLIC_PAGE_MAX_AGE", 0)))
    setattr(response, PUBLIC_ATTRIBUTE, True)
    conditional = get_conditional_response(request, etag=etag, response=response)
    return conditional


def api_view(view: Callable) -> Callable:
    @csrf_exempt  # GET and HEAD only (a POST gets a 405): nothing to forge
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):  # the API only reads
            response = _json_error(405, "Method not allowed; this address answers GET and HEAD.")
            response["Allow"] = "GET, HEAD"
            return _finish(request, response)
        allowed, retry_after = hit(
            f"api:ip:{request.META.get('REMOTE_ADDR', '')}",
            limit=getattr(settings, "API_RATE_LIMIT", DEFAULT_LIMIT),
        )
        if not allowed:
            response = _json_error(429, f"Too many requests: try again in {retry_after} seconds.")
            response["Retry-After"] = str(retry_after)
            return _finish(request, response)
        for name, value in request.GET.items():
            if "\x00" in name or "\x00" in value:  # no database stores it: say so, never a 500
                field = name.replace("\x00", "")
                return _finish(request, _json_error(400, f"{field} must not contain a NUL character.", field))
        language = request.GET.get("lang", "en")
        if language not in LANGUAGES:
            return _finish(
                request,
                _json_error(400, f"lang must be one of {', '.join(LANGUAGES)}, not {language!r}.", "lang"),
            )
        with translation.override(language):
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = _json_error(404, "Not found.")
        return _finish(request, _as_json(response))

    return wrapper


@csrf_exempt  # reads nothing, writes nothing: a POST gets the same 404 as a GET
def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return _finish(request, _json_error(404, "No resource of the API has this address.", "path"))


def wrap_patterns(patterns: list) -> list:
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            wrap_patterns(pattern.url_patterns)
        else:
            pattern.callback = api_view(pattern.callback)
    return patterns
