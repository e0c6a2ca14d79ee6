"""Rate limits in Django's cache (Redis in production), for the portal's own forms.

Sign-in and password reset are limited by django-allauth (ACCOUNT_RATE_LIMITS); this module
limits the rest, per signed-in person. A limit reads like allauth's: "60/m" is 60 per minute
("s", "m", "h", "d"), counted over a sliding window (see ``hit``). When the cache is unreachable the request is
let through (and logged): a delegation's submission must never fail because Redis is down.
"""

import logging
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(limit: str) -> tuple[int, int]:
    """ "60/m" -> (60, 60): at most 60 hits per 60 seconds."""
    count, _, unit = limit.partition("/")
    return int(count), UNITS[unit.strip() or "m"]


def hit(key: str, *, limit: str, now: float | None = None) -> tuple[bool, int]:
    """Count one hit under ``key``. Returns (allowed, seconds until the current window ends).

    Sliding window, estimated from two fixed ones: the hits of the current window plus those
    of the previous window in proportion to how much of it still lies within the last
    ``period`` seconds. Fixed windows alone would let twice the limit through across a
    window's end (and a limit of one per minute would let a second hit through a moment
    later, when the minute turns)."""
    count, period = parse(limit)
    now = time.time() if now is None else now
    window, elapsed = divmod(now, period)
    window = int(window)
    retry_after = int(period - elapsed) + 1
    bucket = f"ratelimit:{key}:{period}:{window}"
    try:
        cache.add(bucket, 0, timeout=2 * period + 1)  # read again as the previous window
        used = cache.incr(bucket)
        before = cache.get(f"ratelimit:{key}:{period}:{window - 1}") or 0
    except Exception as error:  # the cache is down: let the request through
        logger.warning("Rate limit not checked (%s): %s", key, error)
        return True, 0
    return used + before * (period - elapsed) / period <= count, retry_after


def limited(scope: str, *, setting: str, methods: Iterable[str] = ("POST",)) -> Callable:
    """Decorate a view so that each signed-in person (or address, if anonymous) may send at most
    ``settings.<setting>`` requests of ``methods`` to views of ``scope``; the next ones get the
    429 page, which says how long to wait. Nothing is saved by a refused request."""
    methods = {m.upper() for m in methods}

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                who = (
                    f"user:{request.user.pk}"
                    if request.user.is_authenticated
                    else f"ip:{request.META.get('REMOTE_ADDR', '')}"
                )
                allowed, retry_after = hit(f"{scope}:{who}", limit=getattr(settings, setting))
                if not allowed:
                    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
