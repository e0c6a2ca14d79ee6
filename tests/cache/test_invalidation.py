"""Fine-grained invalidation, checked over the whole URL configuration (issue 17): for every
kind of record that public pages track, the permission matrix's world is served and cached,
one record of that kind is changed, and every public address is asked again. Each answer
must be the page as it is now (the same as one rendered with no cache at all), and pages that
do not show the record must still come from the cache.

The addresses are the permission matrix's (tests/security/test_url_matrix.py): every URL
pattern that anonymous visitors may GET, so a new public page is covered without editing
this file."""

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from ccm_portal.lib import cache_tags
from ccm_portal.lib.cache import forget_local_copies

from ..security.test_url_matrix import MATRIX, send, w, world  # noqa: F401 (fixtures)

PUBLIC_KEYS = [key for key, entry in MATRIX.items() if entry.outcome("get", "anonymous") == 200]
KINDS = [
    watched.label
    for watched in cache_tags.watched_models()
    if not apps.get_model(watched.label)._meta.auto_created
]
MARK = " (changed)"
DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _answer(client: Client, address: str) -> tuple[int, bytes, int]:
    with CaptureQueriesContext(connection) as queries:
        response = send(client, "get", address)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body, len(queries.captured_queries)


def _text_field(model) -> models.Field | None:
    """A text the record shows: one that is no key if it has one (a key, such as a unique
    name, is a harder case: the pages found by its old value must go too)."""
    watched = cache_tags.watched_model(model)
    texts = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.primary_key
        and not field.choices
        and field.editable
    ]
    plain = [field for field in texts if field.attname not in watched.keys]
    return (plain or texts or [None])[0]


def _change(record) -> str:
    """Change a text of the record (or delete it when it has none); say what was done."""
    field = _text_field(type(record))
    if field is None:
        record.delete()
        return "deleted"
    value = getattr(record, field.attname) or ""
    setattr(record, field.attname, (value + MARK)[: field.max_length] if field.max_length else value + MARK)
    record.save()
    return f"{field.name} changed"


@pytest.mark.parametrize("label", KINDS)
def test_a_changed_record_refreshes_every_page_showing_it_and_only_those(w, label, settings):  # noqa: F811
    model = apps.get_model(label)
    record = model._default_manager.order_by("pk").first()
    if record is None:
        pytest.skip(f"the world has no {label}")
    addresses = [MATRIX[key].address(w) for key in PUBLIC_KEYS]
    forget_local_copies()
    client = Client()
    cached = []  # pages rendered with queries, then served from the cache with none
    for address in addresses:
        first = _answer(client, address)
        if first[2] > 0 and _answer(client, address)[2] == 0:
            cached.append(address)
    assert len(cached) > len(addresses) // 2, "the public pages are not served from the cache"

    done = _change(record)

    still_cached = []
    for address in cached:
        status, body, queries = _answer(client, address)
        with override_settings(CACHES=DUMMY):
            fresh = _answer(Client(), address)
        assert (status, body) == fresh[:2], f"{address} is stale after {label} {done}"
        if queries == 0:
            still_cached.append(address)
    # Unrelated pages stay warm: a change never makes the whole site stale.
    assert still_cached, f"{label} {done}: every page was rendered again"
