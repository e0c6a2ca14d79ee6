"""The public page cache (ccm_portal/lib/cache.py), conditional GET and the language links."""

from datetime import date

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from ccm_portal.lib.cache import VERSION_KEY, PublicPageCacheMiddleware, bump_content_version
from meetings.models import Delegation, Meeting, RegionalGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db) -> Meeting:
    return Meeting.objects.create(
        kind=Meeting.Kind.MSP,
        title="Fourteenth Meeting of States Parties",
        code="14MSP",
        slug="14msp",
        start_date=date(2026, 9, 1),
        end_date=date(2026, 9, 3),
        city="Geneva",
    )


def get_counting(client: Client, path: str, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    return response, len(queries.captured_queries)


def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, meeting):
    first, first_queries = get_counting(client, "/meetings/14msp/")
    second, second_queries = get_counting(client, "/meetings/14msp/")

    assert first_queries > 0
    assert second_queries == 0
    assert second.status_code == 200
    assert second.content == first.content
    assert "Fourteenth Meeting of States Parties" in second.content.decode()
    # The headers of the page come with it.
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second
    assert second["ETag"] == first["ETag"]


def test_every_public_list_page_is_cached(client, meeting):
    for path in ["/", "/meetings/", "/delegations/", "/documents/", "/machinery/", "/consultations/"]:
        first, _ = get_counting(client, path)
        second, queries = get_counting(client, path)
        assert first.status_code == 200, path
        assert queries == 0, path
        assert second.content == first.content, path


def test_a_changed_record_shows_on_the_next_request(client, meeting):
    assert "Fourteenth Meeting" in client.get("/meetings/").content.decode()
    client.get("/meetings/14msp/")

    meeting.title = "Renamed Meeting of States Parties"
    meeting.save()

    assert "Renamed Meeting of States Parties" in client.get("/meetings/").content.decode()
    assert "Renamed Meeting of States Parties" in client.get("/meetings/14msp/").content.decode()


def test_a_process_trusting_its_copy_of_the_version_sees_its_own_changes_at_once(client, meeting, settings):
    settings.PUBLIC_PAGE_LOCAL_SECONDS = 60
    client.get("/meetings/14msp/")
    _, queries = get_counting(client, "/meetings/14msp/")
    assert queries == 0
    meeting.title = "Renamed while trusted"
    meeting.save()
    assert "Renamed while trusted" in client.get("/meetings/14msp/").content.decode()


def test_a_deleted_record_goes_from_the_list_at_once(client, meeting):
    other = Meeting.objects.create(
        kind=Meeting.Kind.OTHER, title="Technical workshop on clearance", slug="workshop", city="Oslo"
    )
    assert "Technical workshop on clearance" in client.get("/meetings/").content.decode()
    other.delete()
    assert "Technical workshop on clearance" not in client.get("/meetings/").content.decode()


def test_a_change_to_another_app_s_records_refreshes_the_pages(client):
    region = RegionalGroup.objects.create(slug="europe", name="Europe", order=4)
    client.get("/delegations/")
    Delegation.objects.create(
        kind=Delegation.Kind.STATE, name="Atlantis", slug="atlantis", iso3="ATL", region=region
    )
    assert "Atlantis" in client.get("/delegations/").content.decode()


def test_the_content_version_is_bumped_again_when_the_transaction_commits(
    meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bump_content_version()
    before = cache.get(VERSION_KEY)
    for callback in callbacks:
        callback()
    assert cache.get(VERSION_KEY) != before


def test_signed_in_users_are_never_served_the_anonymous_page(client, meeting):
    user = User.objects.create_user(email="reader@example.org", password="x-pass-123456")
    anonymous = client.get("/meetings/14msp/")
    assert "Sign in" in anonymous.content.decode()

    signed_in = Client()
    signed_in.force_login(user)
    response, queries = get_counting(signed_in, "/meetings/14msp/")
    html = response.content.decode()
    assert queries > 0
    assert "Sign out" in html and "Sign in<" not in html
    assert "ETag" not in response


def test_a_signed_in_user_s_page_is_never_served_to_anonymous_visitors(client, meeting):
    user = User.objects.create_user(email="reader@example.org", password="x-pass-123456")
    signed_in = Client()
    signed_in.force_login(user)
    assert "Sign out" in signed_in.get("/meetings/").content.decode()

    response, queries = get_counting(client, "/meetings/")
    assert queries > 0  # rendered for the visitor, not taken from the signed-in user's request
    assert "Sign out" not in response.content.decode()


def test_requests_with_a_pending_message_bypass_the_cache(client, meeting):
    client.get("/meetings/")
    client.cookies["messages"] = "anything"
    _, queries = get_counting(client, "/meetings/")
    assert queries > 0


def _counting_view(calls: list, *, before=None):
    def view(request):
        calls.append(request.path)
        if before:
            before(request)
        response = HttpResponse("<p>page</p>")
        response.public_page = True  # as @public_page marks it
        return response

    return view


def test_a_marked_page_is_stored_once(rf):
    calls = []
    middleware = PublicPageCacheMiddleware(_counting_view(calls))
    middleware(rf.get("/page/"))
    middleware(rf.get("/page/"))
    middleware(rf.head("/page/"))
    assert calls == ["/page/"]


def test_a_marked_page_that_used_a_csrf_token_is_never_stored(rf):
    calls = []
    middleware = PublicPageCacheMiddleware(_counting_view(calls, before=get_token))
    middleware(rf.get("/form/"))
    middleware(rf.get("/form/"))
    assert calls == ["/form/", "/form/"]


def test_a_marked_page_that_shows_a_message_is_never_stored(rf):
    def add_message(request):
        request._messages = CookieStorage(request)
        messages.info(request, "Saved.")

    calls = []
    middleware = PublicPageCacheMiddleware(_counting_view(calls, before=add_message))
    middleware(rf.get("/saved/"))
    middleware(rf.get("/saved/"))
    assert calls == ["/saved/", "/saved/"]


def test_an_unmarked_page_is_never_stored(rf):
    calls = []

    def view(request):
        calls.append(request.path)
        return HttpResponse("private")

    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/private/"))
    middleware(rf.get("/private/"))
    assert len(calls) == 2


def test_conditional_get_answers_304(client, meeting):
    first = client.get("/meetings/14msp/")
    etag = first["ETag"]
    assert etag and first["Last-Modified"]
    assert "public" in first["Cache-Control"]

    response, queries = get_counting(client, "/meetings/14msp/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert queries == 0

    by_date = client.get("/meetings/14msp/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304

    # After a change the old ETag no longer matches.
    meeting.title = "Renamed"
    meeting.save()
    changed = client.get("/meetings/14msp/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_language_links_switch_the_language(client, meeting):
    english = client.get("/meetings/14msp/").content.decode()
    assert '<html lang="en">' in english
    assert '<a href="/fr/meetings/14msp/" lang="fr" hreflang="fr">Français</a>' in english
    assert 'hreflang="fr"' in english and "Français" in english and "Español" in english
    assert 'lang="en" hreflang="en" aria-current="true">English<' in english
    assert "csrfmiddlewaretoken" not in english

    response = client.get("/language/fr/", {"next": "/meetings/14msp/"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/meetings/14msp/"
    assert response.cookies["django_language"].value == "fr"

    french = client.get("/fr/meetings/14msp/").content.decode()
    assert '<html lang="fr">' in french
    assert 'lang="fr" hreflang="fr" aria-current="true">Français<' in french
    # The cached English page is not served to a French reader, nor the other way round.
    english_reader = Client()
    assert '<html lang="en">' in english_reader.get("/meetings/14msp/").content.decode()


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/path", "http://evil.example", "javascript:alert(1)", ""],
)
def test_language_links_refuse_an_outside_next(client, target):
    response = client.get("/language/es/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/es/"
    assert response.cookies["django_language"].value == "es"


def test_language_link_to_an_unknown_language_is_404(client):
    response = client.get("/language/xx/", {"next": "/"})
    assert response.status_code == 404
    assert "django_language" not in response.cookies


def test_pages_are_served_uncached_when_the_cache_is_down(client, meeting, settings):
    settings.CACHES = settings.CACHES | {
        "down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.PUBLIC_PAGE_CACHE_ALIAS = "down"
    response = client.get("/meetings/14msp/")
    assert response.status_code == 200
    assert "Fourteenth Meeting of States Parties" in response.content.decode()
    meeting.title = "Saved while the cache is down"
    meeting.save()
    assert "Saved while the cache is down" in client.get("/meetings/14msp/").content.decode()


def test_nothing_is_kept_when_the_cache_is_a_dummy(client, meeting, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.PUBLIC_PAGE_LOCAL_SECONDS = 60
    client.get("/meetings/14msp/")
    _, queries = get_counting(client, "/meetings/14msp/")
    assert queries > 0
