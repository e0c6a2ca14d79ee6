"""Fuzzing of addresses: whatever query string, path segment or ``next=`` target a visitor or
ISU staff send to the public and ISU list pages, any public address, the admin's lists, the
language switchers or the sign-in page, the portal answers without a server error. A filter form
shows itself again with the input kept (or its error next to the field), too many parameters
or a NUL are a Bad Request (a NUL with a page saying so), and a redirect never leaves the site.

The strategies, and ``CCM_FUZZ_SCALE`` / ``CCM_FUZZ_RANDOM`` for a longer hunt by hand, are in
tests/security/fuzzing.py; the forms are fuzzed in test_fuzz_forms.py."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from documents.models import Document
from meetings.models import Meeting
from submissions.models import Submission

from .fuzzing import dates, examples, fuzz_world, params, raw_piece, raw_query, text, value
from .hostile import World, lands_on_site, last, no_server_error, shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings) -> World:
    return fuzz_world(settings)


# --- public list pages ----------------------------------------------------------------------


@examples(60)
@given(
    query=params(
        {
            "kind": st.one_of(text, st.sampled_from(Meeting.Kind.values)),
            "year": text,
            "page": text,
            "upcoming_page": text,
        }
    )
)
def test_meeting_filters_show_the_form_with_the_input_kept(client, world, query):
    response = no_server_error(client.get("/meetings/", query))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="year"' in page and 'name="kind"' in page
    year = last(query.get("year", ""))
    if year and "\x00" not in year:
        assert f'value="{shown(year)}"' in page


@examples(80)
@given(
    query=params(
        {
            "q": text,
            "meeting": st.one_of(text, st.just("14msp")),
            "kind": st.one_of(text, st.sampled_from(Document.Kind.values)),
            "year": st.one_of(text, st.just("2026")),
            "language": st.one_of(text, st.sampled_from(["en", "fr", "ar", "zh"])),
            "page": st.one_of(text, st.integers().map(str)),
        }
    )
)
def test_document_search_and_filters_show_the_form_with_the_input_kept(client, world, query):
    response = no_server_error(client.get("/documents/", query))
    if response.status_code == 302:  # an exact symbol goes to its document
        assert response["Location"] == world.document.get_absolute_url()
        return
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="search"' in page
    q = last(query.get("q", ""))
    if q:
        assert f'value="{shown(q)}"' in page


@examples(60)
@given(on=value(dates))
def test_machinery_date_is_a_date_or_a_field_error(client, world, on):
    response = no_server_error(client.get("/machinery/", {"on": on}))
    page = response.content.decode()
    if response.status_code == 400:
        assert 'class="errorlist"' in page and escape(last(on)) in page
    else:
        assert response.status_code == 200


PUBLIC_PAGES = [
    "/",
    "/meetings/",
    "/meetings/14msp/",
    "/meetings/calendar.ics",
    "/meetings/14msp/calendar.ics",
    "/delegations/",
    "/delegations/MEX/",
    "/documents/",
    "/documents/CCM/MSP/2026/WP.1/",
    "/documents/CCM/MSP/2026/WP.1/versions/",
    "/documents/feed/",
    "/machinery/",
    "/machinery/presidencies/",
    "/consultations/",
    "/submissions/drafts/review/",
]
KNOWN_PARAMETERS = ["q", "meeting", "kind", "year", "language", "page", "upcoming_page", "on", "next"]


@examples(100)
@given(path=st.sampled_from(PUBLIC_PAGES), query=raw_query(KNOWN_PARAMETERS))
def test_public_pages_survive_any_query_string(client, world, path, query):
    response = no_server_error(client.get(f"{path}?{query}"))
    assert response.status_code in (200, 302, 400), response.status_code


@examples(100)
@given(
    prefix=st.sampled_from(
        [
            "/delegations/",
            "/meetings/",
            "/documents/",
            "/documents/CCM/",
            "/consultations/topics/",
            "/machinery/working-groups/",
            "/submissions/drafts/",
        ]
    ),
    segment=st.one_of(
        raw_piece, st.sampled_from(["%00", "MEX%00", "14msp%00", "CCM%2FMSP%2F2026%2FWP.1%00"])
    ),
    suffix=st.sampled_from(["/", "/en.pdf", "/calendar.ics", "/versions/"]),
)
@example(prefix="/delegations/", segment="%00", suffix="/")  # was a server error on PostgreSQL: now a 400
def test_public_addresses_survive_any_path_segment(client, world, prefix, segment, suffix):
    response = no_server_error(client.get(f"{prefix}{segment}{suffix}"))
    assert response.status_code in (200, 301, 302, 400, 404), response.status_code


ADMIN_LISTS = [
    "/admin/documents/document/",
    "/admin/meetings/meeting/",
    "/admin/meetings/delegation/",
    "/admin/submissions/submission/",
    "/admin/submissions/comment/",
    "/admin/accounts/user/",
]


@examples(60)
@given(
    path=st.sampled_from(ADMIN_LISTS),
    query=params({"q": text, "o": text, "p": st.one_of(text, st.integers().map(str)), "date__gte": dates}),
)
def test_admin_lists_survive_any_search_sort_and_page(client, world, path, query):
    client.force_login(world.staff)
    response = no_server_error(client.get(path, query))
    values = [v for value in query.values() for v in (value if isinstance(value, list) else [value])]
    if any("\x00" in str(v) for v in values):  # refused before the admin reads it
        assert response.status_code == 400, response.status_code
    else:
        assert response.status_code in (200, 302), response.status_code  # 302: "?e=1", bad lookups


def test_admin_list_filters_survive_a_nul(client, world):
    # Django's admin list filters pass a NUL to the database, which PostgreSQL refuses:
    # ccm_portal.middleware.RefuseNulMiddleware answers such an address with a 400 first.
    client.force_login(world.staff)
    response = client.get("/admin/documents/document/", {"status__exact": "\x00"})
    assert response.status_code == 400
    response = client.get("/admin/documents/document/", {"status__exact": "published"})
    assert response.status_code == 200


@examples(10)
@given(key=st.sampled_from(["q", "kind", "page"]), n=st.integers(1001, 1500))
def test_too_many_parameters_are_a_bad_request_not_an_error(client, world, key, n):
    response = no_server_error(client.get("/documents/", {key: ["x"] * n}))
    assert response.status_code == 400


# --- the language switcher and next= ---------------------------------------------------------

EVIL_HOSTS = ["evil.example", "evil.example:80", "testserver.evil.example", "[::1]", "ｅｖｉｌ.example"]
EVIL_PREFIXES = [
    "https://",
    "http://",
    "//",
    "///",
    "////",
    "/\\",
    "\\\\",
    "\\/",
    "/\t/",
    "\t//",
    " //",
    "\x00//",
    "https:",
    "https:/",
    "http:\\\\",
    "HTTPS://",
    "https://testserver@",
    "//testserver@",
    "%2F%2F",
    "/%2F",
    "/%5C",
    "%5C%5C",
]
EVIL_SUFFIXES = ["", "/", "/path?x=1", "#frag", "@testserver", "\\@testserver", "%2F..", "/..;/"]
SCHEMES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)"]
SCHEMES += ["data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "ftp://evil.example/"]
next_urls = st.one_of(
    st.builds(
        lambda p, h, s: p + h + s,
        st.sampled_from(EVIL_PREFIXES),
        st.sampled_from(EVIL_HOSTS),
        st.sampled_from(EVIL_SUFFIXES),
    ),
    st.sampled_from(SCHEMES),
    st.sampled_from(["/documents/?q=x", "/meetings/", "/", "/machinery/?on=2026-03-15"]),
    text,
)


def redirected_on_site(response, next_url) -> bool:
    """A redirect that stays on the site; or Django's own Bad Request for a target longer than
    it redirects to (16384 characters once encoded)."""
    if response.status_code == 400:
        return len(quote(last(next_url), safe="/:?&=#@")) > 4000
    return response.status_code == 302 and lands_on_site(response["Location"])


@examples(100)
@given(code=st.one_of(st.sampled_from(["en", "fr", "es"]), text), next_url=value(next_urls))
def test_the_language_links_never_leave_the_site(client, world, code, next_url):
    response = no_server_error(client.get(f"/language/{quote(code, safe='')}/", {"next": next_url}))
    if code not in ("en", "fr", "es"):
        # 301: APPEND_SLASH on a code with a slash; 400: a NUL in the path
        assert response.status_code == (400 if "\x00" in code else 404) or response.status_code == 301
        return
    assert redirected_on_site(response, next_url), response.get("Location")
    if response.status_code == 302:
        assert response.cookies["django_language"].value == code


@examples(60)
@given(language=value(st.one_of(st.sampled_from(["en", "fr", "es"]), text)), next_url=value(next_urls))
def test_the_set_language_view_never_leaves_the_site(client, world, language, next_url):
    response = no_server_error(
        client.post(
            "/i18n/setlang/", {"language": language, "next": next_url}, HTTP_REFERER="https://evil.example/"
        )
    )
    assert redirected_on_site(response, next_url), response.get("Location")


@examples(60)
@given(next_url=value(next_urls))
def test_signing_in_never_sends_anyone_off_the_site(world, next_url):
    cache.clear()  # the sign-in rate limit
    client = Client()
    page = no_server_error(client.get("/accounts/login/", {"next": next_url}))
    assert page.status_code == 200
    response = no_server_error(
        client.post(
            "/accounts/login/", {"login": "a@mexico.example", "password": "focal-pass-1", "next": next_url}
        )
    )
    assert redirected_on_site(response, next_url), response.get("Location")


# --- ISU lists and NULs in addresses ---------------------------------------------------------


@examples(60)
@given(
    stats=params({"on": dates, "version": st.one_of(st.just("current"), text)}),
    filters=params(
        {
            "version": text,
            "category": text,
            "region": st.one_of(st.just("americas"), text),
            "paragraph": text,
            "state": st.one_of(st.sampled_from(Submission.State.values), text),
        }
    ),
)
@example(stats={"on": "9999-12-31", "version": "current"}, filters={})  # was a server error
def test_isu_statistics_and_submission_filters_show_a_page(client, world, stats, filters):
    stats = dict(stats)
    if last(stats.get("version")) == "current":
        stats["version"] = str(world.version.pk)
    client.force_login(world.staff)
    assert no_server_error(client.get("/submissions/isu/statistics/", stats)).status_code == 200
    assert no_server_error(client.get("/submissions/isu/submissions/", filters)).status_code == 200


def test_a_nul_in_an_admin_address_gets_the_page_saying_so(client, world):
    client.force_login(world.staff)
    response = client.get("/admin/meetings/meeting/%00/change/")
    assert response.status_code == 400
    assert "Request not understood" in response.content.decode()


def test_a_nul_in_a_path_gets_the_page_saying_so(client):
    response = client.get("/delegations/MEX%00/")
    assert response.status_code == 400
    assert "Request not understood" in response.content.decode()
