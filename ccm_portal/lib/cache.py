"""Whole-page cache of the public pages for anonymous visitors, invalidated when a record
changes, with conditional GET (ETag and Last-Modified).

- A view showing only public records is decorated with ``@public_page``: its responses may
  be stored. Nothing else is ever stored.
- ``PublicPageCacheMiddleware`` sits near the top of ``MIDDLEWARE`` (after SecurityMiddleware
  and WhiteNoise). For a GET or HEAD request without a session or messages cookie, it looks
  the page up in the cache (the default cache, shared by every process: Redis when
  REDIS_URL is set, else the database cache table) and, on a hit, answers at once, without
  the rest of the middleware, the view or the database. On a miss, the page is rendered as
  usual and stored when it is marked public and nothing in it is personal: a 200, no cookie
  set, no CSRF token used, no message shown, no signed-in user.
- The key: scheme, host, path, query string, the interface language (chosen exactly as
  LocaleMiddleware chooses it) and the local date (pages say "upcoming", "today").
- Invalidation per record and per list: while a page is rendered, the queries it runs give
  its dependency tags (``cache_tags``: the rows and lists it reads); a save, delete or
  many-to-many change of a record tracked by ``watch_app_models`` (called from the
  AppConfig.ready of each app whose records public pages show) bumps only its own tags, with
  the time of the change. A stored page is served while every tag it depends on, and the
  site-wide "content version", were last bumped before it began rendering. Services that
  write with ``QuerySet.update()`` call ``record_changed(record)``; ``bump_content_version()``
  makes every page stale (a deployment). Pages also expire after PUBLIC_PAGE_CACHE_SECONDS.
- Conditional GET: the ETag is derived from when the page was rendered and the key,
  Last-Modified is the later of that time and the start of the day; If-None-Match and
  If-Modified-Since get a 304.

- Each process also keeps the pages it served last in memory (PUBLIC_PAGE_LOCAL_BYTES at
  most): a hit on its own copy costs one round trip for the versions, not the page. With
  PUBLIC_PAGE_LOCAL_SECONDS above 0 (0 by default) it serves its copy that long without
  asking, and then sees the other processes' changes within that time only.

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
from django.core.cache.backends.dummy import DummyCache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from ccm_portal.lib import cache_tags
from ccm_portal.lib.i18n import language_of

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
PAGE_KEY_PREFIX = "public-pages:page:"
PUBLIC_ATTRIBUTE = "public_page"  # set on a response by @public_page


def _cache():
    return cache_tags.page_cache()


def _seconds() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600))


def _max_age() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_MAX_AGE", 0))


# --- versions ---------------------------------------------------------------------------------


class _LocalPages:
    """This process's own copies of the pages it served last, bounded by
    PUBLIC_PAGE_LOCAL_BYTES (least recently used pages go first). A copy is served only after
    its versions are checked in the shared cache (one round trip, no page transferred), or
    without asking for PUBLIC_PAGE_LOCAL_SECONDS after the last check (0 by default: every
    process sees every change on its next request)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages: OrderedDict[str, dict] = OrderedDict()
        self.size = 0

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.pages.get(key)
            if entry is not None:
                self.pages.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        limit = int(getattr(settings, "PUBLIC_PAGE_LOCAL_BYTES", 16 * 1024 * 1024))
        size = len(entry["content"])
        if size > limit // 8:
            return
        entry["checked_at"] = time.monotonic()
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old["content"])
            self.pages[key] = entry
            self.size += size
            while self.size > limit and self.pages:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped["content"])

    def drop(self, key: str) -> None:
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old["content"])

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.size = 0


_local = _LocalPages()  # empty until a page is served


def forget_local_copies() -> None:
    """Drop this process's copies of pages (after clearing the shared cache by hand, as the
    benchmark does)."""
    _local.clear()


def _set_version() -> None:
    try:
        _cache().set(VERSION_KEY, cache_tags.last_bump.set_now(), timeout=None)
    except Exception:  # the cache is down: pages are not served from it either
        logger.warning("Could not bump the public pages' content version", exc_info=True)


def bump_content_version() -> None:
    """Mark every stored public page out of date (a deployment, or a change whose pages are
    not known): now, and again when the current transaction commits."""
    _set_version()
    transaction.on_commit(_set_version)


def record_changed(instance) -> None:
    """Mark the pages showing this record out of date (after a write that sends no signal,
    such as ``QuerySet.update()``)."""
    cache_tags.record_changed(instance)


def _initial_version() -> int:
    """A new site-wide version when the cache has none (first start, flushed, evicted): pages
    stored before it are never served."""
    cache = _cache()
    value = time.time_ns()
    if not cache.add(VERSION_KEY, value, timeout=None):
        value = cache.get(VERSION_KEY) or value
    return value


def watch_app_models(app_config) -> None:
    """Track the records of this app in the pages that show them, and mark those pages out of
    date when a record is saved or deleted, or a many-to-many relation between records
    changes (ccm_portal/lib/cache_tags.py). Called from AppConfig.ready.

    These receivers only keep the page cache correct (cache busting); they carry no business
    logic, so the house rule against logic in signals does not apply to them."""
    from simple_history.models import HistoricalChanges

    cache_tags.install()
    for model in app_config.get_models(include_auto_created=True):
        if issubclass(model, HistoricalChanges):  # saved along with the record itself
            continue
        cache_tags.watch(model)


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


def _etag(rendered_at: int, key: str) -> str:
    return 'W/"' + hashlib.sha256(f"{rendered_at}:{key}".encode()).hexdigest()[:32] + '"'


def _last_modified(rendered_at: int) -> int:
    """Seconds since the epoch: when the page was rendered, or the start of today if later
    (the pages read the date)."""
    start_of_day = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    return max(rendered_at // 1_000_000_000, int(start_of_day.timestamp()))


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


def _add_validators(response: HttpResponse, rendered_at: int, key: str) -> None:
    response["ETag"] = _etag(rendered_at, key)
    response["Last-Modified"] = http_date(_last_modified(rendered_at))
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
            entry = _lookup(key)
        except Exception:  # the cache is down (or the host is refused: let Django say so)
            logger.debug("Public page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return _conditional(request, _rebuild(entry))

        rendered_at = time.time_ns()  # before any query: a change from now on makes it stale
        with cache_tags.recording() as tags:
            response = self.get_response(request)
        if not _storable(request, response):
            return response
        _add_validators(response, rendered_at, key)
        entry = {
            "rendered_at": rendered_at,
            "tags": sorted(cache_tags.tag_key(tag) for tag in tags),
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
        }
        try:
            _store(key, entry)
        except Exception:
            logger.warning("Could not store a public page", exc_info=True)
        return _conditional(request, response)


def _valid(entry: dict, versions: dict) -> bool:
    """Every version the page depends on is known, and older than the page."""
    rendered_at = entry.get("rendered_at", 0)
    return all(versions.get(key, rendered_at) < rendered_at for key in [VERSION_KEY, *entry["tags"]])


def _versions(keys: list[str]) -> dict:
    found = _cache().get_many([VERSION_KEY, *keys])
    if VERSION_KEY not in found:
        found[VERSION_KEY] = _initial_version()
    return found


def _lookup(key: str) -> dict | None:
    """The stored page, if every record and list it shows is unchanged since it was rendered:
    this process's copy after one round trip for the versions, else the shared copy."""
    local = _local.get(key)
    if local is not None:
        seconds = float(getattr(settings, "PUBLIC_PAGE_LOCAL_SECONDS", 0))
        trusted = seconds and time.monotonic() - local["checked_at"] < seconds
        if trusted and local["rendered_at"] > cache_tags.last_bump.at:  # this process's own changes at once
            return local
        versions = _versions(local["tags"])
        if _valid(local, versions) and all(tag in versions for tag in local["tags"]):
            local["checked_at"] = time.monotonic()
            return local
        _local.drop(key)
    found = _versions([key])
    entry = found.get(key)
    if entry is None or "rendered_at" not in entry or not entry["rendered_at"] > found[VERSION_KEY]:
        return None
    versions = _cache().get_many(entry["tags"])
    if len(versions) < len(entry["tags"]) or not _valid(entry, versions):
        return None
    _local.put(key, entry)
    return entry


def _store(key: str, entry: dict) -> None:
    """Store the page, giving the tags it depends on a version if they have none yet (a tag
    with no version makes a stored page a miss: it may have been evicted after a change; the
    version given is just older than this page, so no page stored before is valid again)."""
    cache = _cache()
    known = cache.get_many(entry["tags"])
    for tag in entry["tags"]:
        if tag not in known:
            cache.add(tag, entry["rendered_at"] - 1, timeout=None)
    cache.set(key, entry, timeout=_seconds())
    _local.put(key, dict(entry))
