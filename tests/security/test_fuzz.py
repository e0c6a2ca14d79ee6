"""Property-based fuzzing of every form and query parameter: whatever a visitor, a focal point or
ISU staff send, the portal answers without a server error, and a form given bad input shows
itself again with the input kept and the error next to the field.

Strategies mix unicode, control characters, NUL bytes, very long strings, numbers out of range,
impossible dates (0000-00-00, 99999-01-01), repeated keys, SQL and HTML fragments, and raw
percent-encoded bytes that are not UTF-8. Runs are derandomized (the same examples every time,
so CI is reproducible); ``CCM_FUZZ_SCALE=10`` multiplies the number of examples and
``CCM_FUZZ_RANDOM=1`` draws new ones, for a longer hunt by hand.
"""

import os
from datetime import date, time
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from documents.models import Document, Rendition
from meetings.models import Meeting
from submissions import services
from submissions.models import Attachment, Comment, DraftVersion, Submission, WindowExtension
from tests.conftest import one_page_pdf
from tests.submissions.conftest import minimal_docx, minimal_pdf, zip_bytes

from .hostile import (
    World,
    admin_document_form,
    build_world,
    files_under,
    lands_on_site,
    last,
    multipart,
    name_too_long_to_parse,
    no_server_error,
    post_multipart,
    shown,
    with_upload,
)

pytestmark = pytest.mark.django_db

SCALE = float(os.environ.get("CCM_FUZZ_SCALE", "1"))

# Derandomized: every run tries the same examples. No example database: a failure is
# reproduced from the example printed with it (Hypothesis still caches unicode tables in its
# own git-ignored .hypothesis/ folder).
FUZZ = settings(
    derandomize=not os.environ.get("CCM_FUZZ_RANDOM"),
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def examples(n: int) -> settings:
    return settings(FUZZ, max_examples=max(1, int(n * SCALE)))


# --- strategies -----------------------------------------------------------------------------

FRAGMENTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "2147483648",
    "9223372036854775808",
    "0x10",
    "' OR '1'='1",
    "'; DROP TABLE meetings_meeting; --",
    '" OR ""="',
    "%' AND 1=1 --",
    "\\",
    "%",
    "%00",
    "_",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "%s%s%s%n",
    "../../etc/passwd",
    "C:\\Windows\\win.ini",
    "\u202eevil\u202c",
    "\ufeff",
    "\u200b",
    "𝕮𝕮𝕸",
    "ﷺ",
    "Ñandú façade ß",
    "中文 العربية русский",
    "0000-00-00",
    "99999-01-01",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-13-01",
    "-2026-01-01",
    "2026-01-01T25:61",
    "24:00",
    "23:59:60",
    "CCM/CONF/2021/6",
    "ccm/msp/99999/1",
    "CCM/MSP/2026/WP.1/Rev.99999999999999999999",
    "msp",
    "2026",
    "en",
    "true",
    "on",
]
DATES = [
    "0000-00-00",
    "99999-01-01",
    "9999-12-31",
    "0001-01-01",
    "1999-12-31",
    "2000-01-01",
    "2099-12-31",
    "2100-01-01",
    "2026-02-29",
    "2028-02-29",
    "2026-1-1",
    "26-01-01",
    "01/02/2026",
    "2026-03-15",
]
TIMES = ["00:00", "23:59", "24:00", "25:61", "12:00:00.999999", "-1:00", "7", "noon"]

characters = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent as UTF-8
text = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS),  # twice: the known troublemakers come up often
    st.text(characters, max_size=60),
    st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=8),  # control characters
    st.integers().map(str),
    st.floats().map(repr),
    st.builds(lambda s, n: s * n, st.text(characters, min_size=1, max_size=3), st.integers(500, 6000)),
)
dates = st.one_of(st.sampled_from(DATES), st.sampled_from(DATES), st.dates().map(date.isoformat), text)
times = st.one_of(st.sampled_from(TIMES), st.times().map(time.isoformat), text)


def value(base=text):
    """One value, or several under the same key."""
    return st.one_of(base, base, st.lists(base, min_size=2, max_size=4))


def params(fields: dict):
    """A query or form dict: any subset of ``fields`` (name -> strategy), plus a stray key."""
    return st.fixed_dictionaries({}, optional={name: value(s) for name, s in fields.items()} | {"zz": text})


# A raw query string: pieces of any bytes, percent-encoded or not, that need not be UTF-8.
raw_piece = st.one_of(
    st.binary(max_size=30).map(lambda b: quote_from_bytes(b, safe="")),
    st.sampled_from(
        ["%", "%zz", "%FF%FE", "%C0%AF", "%00", "&&", "==", "+", ";", "%25", "a[]=1", "a[0][1]="]
    ),
    text.map(lambda s: quote(s, safe="")),
)


def raw_query(names: list[str]):
    pair = st.tuples(st.one_of(st.sampled_from(names), raw_piece), raw_piece)
    return st.lists(pair, max_size=6).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


# --- the world ------------------------------------------------------------------------------


@pytest.fixture
def world(db, settings) -> World:
    settings.SUBMISSIONS_RATE_LIMIT = "100000/m"  # fuzzing is not flooding
    settings.RECEIPT_PDF_RATE_LIMIT = "100000/m"
    return build_world()


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


# --- sign-in and password reset --------------------------------------------------------------


@examples(60)
@given(data=params({"login": text, "password": text, "remember": text}))
def test_the_sign_in_form_refuses_nonsense_and_keeps_the_address(world, data):
    cache.clear()
    response = no_server_error(Client().post("/accounts/login/", data))
    assert response.status_code == 200  # never signed in
    page = response.content.decode()
    assert 'name="login"' in page and ("errorlist" in page or "message--error" in page)
    login = last(data.get("login", ""))
    if login and "\x00" not in login and login == login.strip():
        assert f'value="{shown(login)}"' in page


@examples(50)
@given(data=params({"email": text}))
def test_the_password_reset_form_refuses_nonsense(world, data):
    cache.clear()
    mail.outbox.clear()
    response = no_server_error(Client().post("/accounts/password/reset/", data))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "errorlist" in response.content.decode()
        assert not mail.outbox
    for message in mail.outbox:  # at most one well-formed address: no header injection
        assert len(message.to) == 1 and not set(message.to[0]) & {"\r", "\n", "\x00", ","}


# --- focal-point forms -----------------------------------------------------------------------

kinds = st.one_of(st.sampled_from(Comment.Kind.values), text)


@examples(80)
@given(
    paragraph=st.one_of(st.sampled_from(["", "first", "other-version"]), text),
    data=params({"kind": kinds, "text": text, "proposed_text": text}),
)
def test_writing_a_comment_saves_it_or_shows_the_form_again(client, world, paragraph, data):
    submission = world.draft_submission
    paragraphs = {
        "": "",
        "first": str(world.version.paragraphs.first().pk),
        "other-version": "999999",
    }
    paragraph_value = paragraphs.get(paragraph, paragraph)
    client.force_login(world.fp_a)
    before = Comment.objects.count()
    response = no_server_error(
        client.post(f"/submissions/{submission.pk}/comments/new/", data | {"paragraph": paragraph_value})
    )
    if response.status_code == 404:  # a paragraph that is not one of this version's
        assert paragraph_value not in ("", paragraphs["first"])
    elif response.status_code == 302:
        assert Comment.objects.count() == before + 1
    else:
        assert response.status_code == 200
        assert Comment.objects.count() == before
        page = response.content.decode()
        assert "errorlist" in page
        typed = last(data.get("text", ""))
        if typed and "\x00" not in typed:
            assert shown(typed) in page
    response = client.get(
        f"/submissions/{submission.pk}/comments/new/", {"paragraph": paragraph_value} | data
    )
    no_server_error(response)


@examples(50)
@given(data=params({"kind": kinds, "text": text, "proposed_text": text}))
def test_editing_a_comment_saves_it_or_shows_the_form_again(client, world, data):
    submission, comment = world.draft_submission, world.comment
    client.force_login(world.fp_a)
    response = no_server_error(client.post(f"/submissions/{submission.pk}/comments/{comment.pk}/edit/", data))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "errorlist" in response.content.decode()


file_names = st.one_of(
    st.builds(
        lambda stem, ext: stem + ext,
        text,
        st.sampled_from([".pdf", ".PDF", ".docx", ".odt", ".html", ".exe", ".pdf.html", ".svg", ""]),
    ),
    st.sampled_from(
        [
            "../../etc/passwd.pdf",
            "..\\..\\annex.pdf",
            "C:\\x\\y.pdf",
            "/etc/passwd.pdf",
            "a\x00b.pdf",
            "annex.pdf\x00.html",
            "%2e%2e%2fannex.pdf",
            ".pdf",
            "..",
            "",
            'a"b.pdf',
            "a\r\nContent-Type: text/html\r\n\r\n.pdf",
            "&#47;etc&#47;passwd.pdf",
            "x" * 300 + ".pdf",
        ]
    ),
)
file_contents = st.one_of(
    st.binary(max_size=200),
    st.binary(max_size=200).map(lambda b: minimal_pdf() + b),
    st.binary(max_size=50).map(lambda b: b"%PDF-" + b),
    st.just(minimal_pdf()),
    st.just(minimal_docx()),
    st.just(b"<html><script>alert(1)</script></html>"),
    st.dictionaries(
        st.sampled_from(
            ["[Content_Types].xml", "word/document.xml", "mimetype", "content.xml", "../x", "/abs"]
        ),
        st.binary(max_size=50),
        max_size=4,
    ).map(zip_bytes),
)


@examples(80)
@given(name=file_names, content=file_contents)
def test_an_attachment_is_stored_checked_or_refused_with_a_message(client, world, settings, name, content):
    submission = world.draft_submission
    client.force_login(world.fp_a)
    media = Path(settings.MEDIA_ROOT)
    before, files_before = Attachment.objects.count(), files_under(media)
    response = no_server_error(
        post_multipart(client, f"/submissions/{submission.pk}/attachments/", multipart({}, name, content))
    )
    if response.status_code == 302:
        attachment = Attachment.objects.latest("pk")
        assert Attachment.objects.count() == before + 1
        assert not set(attachment.name) & {"/", "\\", "\x00", "\r", "\n"}
        stored = Path(attachment.file.path).resolve()
        assert stored.is_relative_to(media.resolve() / "submissions") and stored.read_bytes() == content
        assert content.startswith((b"%PDF-", b"PK\x03\x04"))
        attachment.delete()  # keep the submission within its limits for the next example
    else:
        assert response.status_code == 400
        assert 'class="errorlist"' in response.content.decode() or name_too_long_to_parse(name)
        assert Attachment.objects.count() == before and files_under(media) == files_before


@examples(60)
@given(action=st.sampled_from(["consent", "submit"]), data=params({"consent_to_publish": text}))
def test_consent_and_submit_accept_any_checkbox_value(client, world, action, data):
    submission = world.draft_submission
    client.force_login(world.fp_a)
    response = no_server_error(client.post(f"/submissions/{submission.pk}/{action}/", data))
    assert response.status_code == 302
    submission.refresh_from_db()
    if submission.state == Submission.State.SUBMITTED:
        services.reopen(submission, by=world.fp_a)


# --- ISU forms -------------------------------------------------------------------------------


@examples(50)
@given(
    data=params({"disposition": st.one_of(st.sampled_from(Comment.Disposition.values), text), "note": text})
)
def test_a_disposition_is_recorded_or_shown_again_with_the_note(client, world, data):
    comment = world.submitted_comment
    client.force_login(world.staff)
    prefixed = {f"c{comment.pk}-{k}": v for k, v in data.items()}
    response = no_server_error(client.post(f"/submissions/isu/comments/{comment.pk}/disposition/", prefixed))
    if response.status_code == 302:
        comment.refresh_from_db()
        assert comment.disposition == last(data["disposition"])
    else:
        assert response.status_code == 400
        note = last(data.get("note", ""))
        page = response.content.decode()
        assert "errorlist" in page
        if note and "\x00" not in note:
            assert shown(note) in page


@examples(30)
@given(data=params({"action": st.one_of(st.sampled_from(["publish", "unpublish"]), text)}))
def test_publication_accepts_any_action_value(client, world, data):
    client.force_login(world.staff)
    response = no_server_error(
        client.post(f"/submissions/isu/submissions/{world.submitted.pk}/publication/", data)
    )
    assert response.status_code == 302
    assert no_server_error(client.get(f"/submissions/drafts/{world.version.draft.slug}/")).status_code == 200


@examples(60)
@given(
    data=params(
        {
            "new_date": dates,
            "new_time": times,
            "delegation": st.one_of(st.sampled_from(["", "mexico"]), text),
            "decided_by": text,
            "reason": text,
        }
    )
)
def test_an_extension_is_recorded_or_refused_and_every_page_still_opens(client, world, data):
    window, data = world.version.window, dict(data)
    if last(data.get("delegation")) == "mexico":
        data["delegation"] = str(world.draft_submission.delegation_id)
    client.force_login(world.staff)
    before = WindowExtension.objects.count()
    response = no_server_error(client.post(f"/submissions/isu/windows/{window.pk}/extend/", data))
    if response.status_code == 302:
        assert WindowExtension.objects.count() == before + 1
    elif not data:  # an empty POST shows the empty form
        assert response.status_code == 200
    else:
        assert response.status_code == 400 and "errorlist" in response.content.decode()
        assert WindowExtension.objects.count() == before
    # Whatever deadline is now in force, the pages that show it still open.
    assert client.get(f"/submissions/isu/windows/{window.pk}/extend/").status_code == 200
    client.force_login(world.fp_a)
    for path in ("/submissions/", f"/submissions/{world.draft_submission.pk}/"):
        assert no_server_error(client.get(path)).status_code == 200


structured_line = st.one_of(
    st.builds(
        lambda n, t: f"{n}. {t}", st.one_of(st.integers(0, 10_000), st.sampled_from(["1 bis", "2ter"])), text
    ),
    st.builds(lambda t: f"# {t}", text),
    st.builds(lambda t: f"## {t}", text),
    text,
)
pasted_text = st.one_of(text, st.lists(structured_line, max_size=12).map("\n".join))


@examples(60)
@given(data=params({"label": text, "circulated_on": dates, "text": pasted_text}))
def test_a_version_is_created_from_any_pasted_text_or_the_form_says_why(client, world, data):
    draft = world.version.draft
    client.force_login(world.staff)
    before = DraftVersion.objects.count()
    response = no_server_error(client.post(f"/submissions/isu/drafts/{draft.slug}/versions/new/", data))
    if response.status_code == 302:
        version = DraftVersion.objects.latest("pk")
        assert DraftVersion.objects.count() == before + 1 and version.paragraphs.exists()
        assert no_server_error(client.get(response["Location"])).status_code == 200
    elif not data:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        page = response.content.decode()
        assert "errorlist" in page and DraftVersion.objects.count() == before
        typed = last(data.get("text", ""))
        if typed.strip() and "\x00" not in typed:
            assert escape(typed) in page


xml_part = st.one_of(
    st.binary(max_size=80),
    st.sampled_from([b"", b"<x/>", b"<?xml version='1.0'?><w:document/>", b"<Types><Default/></Types>"]),
)
docx_contents = st.one_of(
    file_contents,
    # What python-docx looks for, with anything inside.
    st.fixed_dictionaries(
        {"[Content_Types].xml": xml_part, "word/document.xml": xml_part},
        optional={
            "_rels/.rels": xml_part,
            "word/styles.xml": xml_part,
            "word/_rels/document.xml.rels": xml_part,
        },
    ).map(zip_bytes),
)
DAMAGED_DOCX = zip_bytes({"[Content_Types].xml": b"x", "word/document.xml": b"x"})


@examples(60)
@given(name=st.one_of(st.just("revised.docx"), file_names), content=docx_contents)
@example(name="revised.docx", content=DAMAGED_DOCX)  # was a server error
def test_a_version_from_any_word_file_is_created_or_refused_with_a_message(client, world, name, content):
    draft = world.version.draft
    client.force_login(world.staff)
    before = DraftVersion.objects.count()
    body = multipart({"label": "Revised draft"}, name, content, field="docx")
    response = no_server_error(
        post_multipart(client, f"/submissions/isu/drafts/{draft.slug}/versions/new/", body)
    )
    if response.status_code == 302:
        assert DraftVersion.objects.count() == before + 1
    else:
        assert response.status_code == 400
        assert "errorlist" in response.content.decode() or name_too_long_to_parse(name)
        assert DraftVersion.objects.count() == before


@examples(50)
@given(
    name=st.one_of(st.just("version.pdf"), file_names),
    content=st.one_of(st.just(one_page_pdf()), file_contents),
    title=text,
)
@example(name="evil.html", content=one_page_pdf(), title="x")  # a PDF named .html was stored as such
def test_an_admin_upload_is_a_pdf_named_pdf_or_refused_with_a_message(
    client, world, settings, name, content, title
):
    document = world.document
    document.renditions.filter(language="fr").delete()
    client.force_login(world.staff)
    media = Path(settings.MEDIA_ROOT)
    files_before = files_under(media)
    fields = with_upload(admin_document_form(document, title=title))
    body = multipart(fields, name, content, field="renditions-0-file")
    response = no_server_error(
        post_multipart(client, f"/admin/documents/document/{document.pk}/change/", body)
    )
    rendition = document.renditions.filter(language="fr").first()
    if response.status_code == 302:
        assert rendition.state == Rendition.State.READY and rendition.file.name.lower().endswith(".pdf")
        assert Path(rendition.file.path).read_bytes().startswith(b"%PDF-")
    else:
        assert response.status_code in (200, 400)
        assert "errorlist" in response.content.decode() or name_too_long_to_parse(name)
        assert rendition is None and files_under(media) == files_before


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
