"""Whole-page cache of the public pages for anonymous visitors, invalidated when a record
changes, with conditional GET (ETag and Last-Modified).

- A view showing only public records is decorated with ``@public_page``: its responses may
  be stored. Nothing else is ever stored.
- ``PublicPageCacheMiddleware`` sits near the top of ``MIDDLEWARE`` (after SecurityMiddleware
  and WhiteNoise). For a GET or HEAD request without a session or messages cookie, it looks
  the page up in the cache (the default cache: Redis in production, local memory in the
  embedded default) and, on a hit, answers at once, without the rest of the middleware, the
  view or the database. On a miss, the page is rendered as usual and stored when it is marked
  public and nothing in it is personal: a 200, no cookie set, no CSRF token used, no message
  shown, no signed-in user.
- The key: scheme, host, path, query string, the interface language (chosen exactly as
  LocaleMiddleware chooses it) and the local date (pages say "upcoming", "today").
- Invalidation: one "content version" in the cache, the time in nanoseconds of the last
  change to a record that public pages show. It is read in the same round trip as the page;
  a page stored under another version is a miss. ``watch_app_models`` (called from the
  AppConfig.ready of each app whose records public pages show) bumps it on every save and
  delete, and the services that write with ``QuerySet.update()`` call
  ``bump_content_version()`` themselves. Pages also expire after PUBLIC_PAGE_CACHE_SECONDS.
- Conditional GET: the ETag is derived from the content version and the key, Last-Modified
  is the later of the last change and the start of the day; If-None-Match and
  If-Modified-Since get a 304.

- Each process also keeps the pages it served last in memory (PUBLIC_PAGE_LOCAL_BYTES at
  most), and trusts its copy of the content version for PUBLIC_PAGE_LOCAL_SECONDS (0 in
  development and tests: the shared cache is asked on every request; 1 s in production): a
  page served again within that time costs no round trip to Redis. A change made through
  this process is seen by it at once, and by the other processes within that time.

When the cache is unreachable, pages are served uncached and saves still succeed.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from ccm_portal.lib.i18n import language_of

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
PAGE_KEY_PREFIX = "public-pages:page:"
PUBLIC_ATTRIBUTE = "public_page"  # set on a response by @public_page


def _cache():
    return caches[getattr(settings, "PUBLIC_PAGE_CACHE_ALIAS", "default")]


def _seconds() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600))


def _max_age() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_MAX_AGE", 0))


# --- the content version ----------------------------------------------------------------


class _LocalPages:
    """This process's own copies of the pages it served last, and of the content version it
    last read, bounded by PUBLIC_PAGE_LOCAL_BYTES (least recently used pages go first)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages: OrderedDict[str, dict] = OrderedDict()
        self.size = 0
        self.version: int | None = None
        self.read_at = 0.0

    def trusted_version(self) -> int | None:
        seconds = float(getattr(settings, "PUBLIC_PAGE_LOCAL_SECONDS", 0))
        if self.version is not None and time.monotonic() - self.read_at < seconds:
            return self.version
        return None

    def remember_version(self, version: int) -> None:
        self.version, self.read_at = version, time.monotonic()

    def get(self, key: str, version: int) -> dict | None:
        with self.lock:
            entry = self.pages.get(key)
            if entry is None or entry["version"] != version:
                return None
            self.pages.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        limit = int(getattr(settings, "PUBLIC_PAGE_LOCAL_BYTES", 16 * 1024 * 1024))
        size = len(entry["content"])
        if size > limit // 8:
            return
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old["content"])
            self.pages[key] = entry
            self.size += size
            while self.size > limit and self.pages:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped["content"])

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.size = 0
            self.version = None


_local = _LocalPages()  # empty until a page is served


def forget_local_copies() -> None:
    """Drop this process's copies of pages and of the content version (after clearing the
    shared cache by hand, as the benchmark does)."""
    _local.clear()


def _set_version() -> None:
    version = time.time_ns()
    _local.remember_version(version)
    try:
        _cache().set(VERSION_KEY, version, timeout=None)
    except Exception:  # the cache is down: pages are not served from it either
        logger.warning("Could not bump the public pages' content version", exc_info=True)


def bump_content_version() -> None:
    """Mark every stored public page out of date: now, and again when the current transaction
    commits (a page rendered meanwhile from the old rows is then not kept either)."""
    _set_version()
    transaction.on_commit(_set_version)


def _initial_version() -> int:
    """A new version when the cache has none (first start, flushed, evicted): pages stored
    under any earlier one are never served."""
    cache = _cache()
    value = time.time_ns()
    if not cache.add(VERSION_KEY, value, timeout=None):
        value = cache.get(VERSION_KEY) or value
    return value


def _content_changed(sender, **kwargs) -> None:
    bump_content_version()


def watch_app_models(app_config) -> None:
    """Bump the content version whenever a record of this app is saved or deleted, or a
    many-to-many relation between its records changes. Called from AppConfig.ready.

    These receivers only keep the page cache correct (cache busting); they carry no business
    logic, so the house rule against logic in signals does not apply to them."""
    from simple_history.models import HistoricalChanges

    for model in app_config.get_models(include_auto_created=True):
        if issubclass(model, HistoricalChanges):  # saved along with the record itself
            continue
        uid = f"public-pages:{model._meta.label}"
        if model._meta.auto_created:
            m2m_changed.connect(_content_changed, sender=model, dispatch_uid=f"{uid}:m2m")
            continue
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}:delete")


def content_version_after_migrate(**kwargs) -> None:
    """A deployment (which migrates) may change templates: pages stored before it go."""
    _set_version()


# --- marking views ------------------------------------------------------------------------


def public_page(view: Callable) -> Callable:
    """Mark a view's responses as public: the same for every anonymous visitor, depending only
    on records whose changes bump the content version (and on the date and language). Public
    pages only read: a method other than GET or HEAD gets a 405."""

    @require_safe
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, PUBLIC_ATTRIBUTE, True)
        return response

    return wrapped


# --- the middleware -----------------------------------------------------------------------


def _may_use_cache(request: HttpRequest) -> bool:
    """An anonymous GET or HEAD with no session and no pending message."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def page_key(request: HttpRequest) -> str:
    language = language_of(request)
    raw = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            language,
            timezone.localdate().isoformat(),
        ]
    )
    return PAGE_KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _etag(version: int, key: str) -> str:
    return 'W/"' + hashlib.sha256(f"{version}:{key}".encode()).hexdigest()[:32] + '"'


def _last_modified(version: int) -> int:
    """Seconds since the epoch: the last change, or the start of today if later (the pages
    read the date)."""
    start_of_day = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    return max(version // 1_000_000_000, int(start_of_day.timestamp()))


def _is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "GET" or not getattr(response, PUBLIC_ATTRIBUTE, False):
        return False
    if response.status_code != 200 or response.streaming:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return not _is_personal(request, response)


def _add_validators(response: HttpResponse, version: int, key: str) -> None:
    response["ETag"] = _etag(version, key)
    response["Last-Modified"] = http_date(_last_modified(version))
    patch_cache_control(response, public=True, max_age=_max_age())


def _rebuild(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


class PublicPageCacheMiddleware:
    """Serve and store the public pages of anonymous visitors (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_use_cache(request) or isinstance(_cache(), DummyCache):  # no cache: no copies either
            return self.get_response(request)
        try:
            key = page_key(request)
            version, entry = _lookup(key)
        except Exception:  # the cache is down (or the host is refused: let Django say so)
            logger.debug("Public page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return _conditional(request, _rebuild(entry))

        response = self.get_response(request)
        if not _storable(request, response):
            return response
        _add_validators(response, version, key)
        entry = {
            "version": version,
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
        }
        _local.put(key, entry)
        try:
            _cache().set(key, entry, timeout=_seconds())
        except Exception:
            logger.warning("Could not store a public page", exc_info=True)
        return _conditional(request, response)


def _lookup(key: str) -> tuple[int, dict | None]:
    """The content version in force and the stored page under it, if any: from this
    process's memory when it may trust its copy of the version, else in one round trip to
    the shared cache."""
    version = _local.trusted_version()
    if version is not None:
        entry = _local.get(key, version)
        if entry is not None:
            return version, entry
        found = {key: _cache().get(key)}
    else:
        found = _cache().get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or _initial_version()
        _local.remember_version(version)
        entry = _local.get(key, version)
        if entry is not None:
            return version, entry
    entry = found.get(key)
    if entry is None or entry.get("version") != version:
        return version, None
    _local.put(key, entry)
    return version, entry
