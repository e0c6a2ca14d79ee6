"""The portal's production settings with every cache replaced by a dummy one.

``make bench`` serves the portal twice: with ``ccm_portal.settings`` (warm: Redis cache,
as in production) and with these settings (cold: every request misses the cache and does
the full work, as the first request after an invalidation or a FLUSHDB does).
"""

from ccm_portal.settings import *  # noqa: F403
from ccm_portal.settings import CACHES

CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in CACHES}
