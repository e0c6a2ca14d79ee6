"""A permission matrix generated from the URL configuration, so that no address escapes it.

``url_world.walk()`` lists every URL pattern of the project (the admin's and allauth's included).
Every pattern must be in the table (matrix_site.py, matrix_delegations.py): by its full name in ENTRIES, by the admin's rule for
its registered models (ADMIN_ACTIONS, built from ``admin.site._registry``), or in UNREACHABLE
with the reason. A new address fails ``test_every_address_is_in_the_matrix`` until it is added.

For each address and each of the five roles (anonymous, the focal point of Mexico who owns the
submission, the focal point of Chile, ISU staff, a superuser), a GET and a POST (empty or
minimal body, CSRF not enforced) must give the outcome in the table, never a 5xx, and must not
show Chile's unsubmitted work to anyone but Chile (nor Mexico's unsubmitted work to Chile or
the public). Then, over the same table:

- every admin address sends staff without an authenticator to the TOTP set-up, and lets them
  through once they have one;
- every address that accepts a POST refuses it without a CSRF token (403, nothing written);
- every answer 200 carries the security headers (CSP without 'unsafe-inline' scripts, no
  framing, nosniff, Referrer-Policy, Strict-Transport-Security), for every role, and for
  anonymous visitors a second time from the public page cache;
- in the admin's history, a "Revert" needs the right to change the record.

The module runs under the production security settings (read from ccm_portal/settings.py with
DEBUG off: STAFF_MFA_REQUIRED, HSTS, secure cookies, SSL redirect), every request over https.
ISU staff are is_staff members of the "ISU staff" group (accounts/reference_data.py): every
permission on the Convention's records (STAFF_APPS) and none on accounts, groups or MFA.
The world (reference data plus the rows of url_world.build_world) is built once for the module,
inside a transaction rolled back at the end; each test runs in a savepoint of its own.
"""

import json
from html import escape
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from ccm_portal.celery import app as celery_app
from tests.ccm_portal.test_settings import PRODUCTION_ENV, _manage

from .url_world import (
    ADMIN_OBJECT_REDIRECT,
    SECRET_A,
    STAFF_APPS,
    TOTP_SECRET,
    World,
    admin_models,
    build_world,
    walk,
)

# The URLconf as production loads it (DEBUG off; see UNREACHABLE for what DEBUG adds).
with override_settings(DEBUG=False):
    PATTERNS = list(walk())


from .matrix_delegations import DELEGATION_ENTRIES, UNREACHABLE
from .matrix_outcomes import (
    ADMIN_HEADER,
    DOCX,
    METHODS,
    MFA_SETUP,
    PDF,
    ROLES,
    Entry,
    SignIn,
    To,
    admin_only,
    url,
)
from .matrix_site import SITE_ENTRIES

ENTRIES: dict[str, Entry] = {**SITE_ENTRIES, **DELEGATION_ENTRIES}

# --- the admin's models ----------------------------------------------------------------------
#
# Every model of admin.site._registry has the admin's URLs <app>_<model>_<action> (and the
# unnamed admin/<app>/<model>/<id>/, a redirect to the change page). ISU staff have every
# permission on STAFF_APPS and none on accounts, so on the other apps' models they get 403.
# What the ModelAdmins change from Django's defaults (submissions/admin.py, ccm_portal/admin.py):
ADMIN_ACTIONS = ("changelist", "add", "change", "delete", "history", "simple_history")
NO_ADD = {  # records written by the delegations' forms and the services only
    "submissions_submission",
    "submissions_comment",
    "submissions_compilation",
    "submissions_submissionrevision",
    "ccm_portal_outboxmessage",  # background jobs, written by the workflows
    "registration_securityevent",  # written by the workflows that show or erase personal data
    "reporting_reminder",  # written by the reminder tasks
}
ADD_REDIRECTS = {"submissions_focalpoint": "admin:submissions_focalpoint_invite"}
VIEW_ONLY = {
    "submissions_submissionrevision",
    "ccm_portal_outboxmessage",
    "registration_securityevent",
    "reporting_reminder",
}
NO_DELETE = {"ccm_portal_outboxmessage", "registration_securityevent", "reporting_reminder"}
# Readable by superusers only, whatever the group grants (the security log).
SUPERUSER_ONLY = {"registration_securityevent"}
# Every field read-only or optional: an empty POST to the change page saves and returns to the list.
SAVED_EMPTY = {"submissions_focalpoint", "submissions_comment", "submissions_compilation"}
NO_REVERT = {"submissions_focalpoint", "submissions_submission", "submissions_comment"}


def admin_family(pattern) -> tuple[str, str] | None:
    """(``<app>_<model>``, action) when the pattern is one of the admin's URLs of a model."""
    models = admin_models()
    if pattern.name and pattern.name.startswith("admin:"):
        name = pattern.name.removeprefix("admin:")
        for action in ADMIN_ACTIONS:
            model_key = name.removesuffix(f"_{action}")
            if model_key != name and model_key in models:
                return model_key, action
    match = ADMIN_OBJECT_REDIRECT.match(pattern.route) if pattern.name is None else None
    if match and f"{match['app']}_{match['model']}" in models:
        return f"{match['app']}_{match['model']}", "object"
    return None


def history_id(obj) -> int:
    return obj.history.order_by("history_id").values_list("history_id", flat=True)[0]


def admin_entry(model_key: str, action: str) -> Entry:
    app_label = admin_models()[model_key]._meta.app_label
    model_name = admin_models()[model_key]._meta.model_name  # app labels may hold "_" (ccm_portal)
    staff_may = app_label in STAFF_APPS and model_key not in SUPERUSER_ONLY

    def obj(w):
        return w.admin_objects[model_key]

    def change_url(w):
        return reverse(f"admin:{model_key}_change", args=[obj(w).pk])

    def as_staff(outcome):
        return admin_only(outcome if staff_may else 403, outcome)

    if action == "object":
        go = To(change_url)
        return Entry(
            lambda w: f"/admin/{app_label}/{model_name}/{obj(w).pk}/",
            admin_only(go),
            admin_only(go),
        )
    name = f"admin:{model_key}_{action}"
    if action in ("changelist", "add"):
        address = url(name)
    elif action == "simple_history":
        address = url(name, lambda w: obj(w).pk, lambda w: history_id(obj(w)))
    else:
        address = url(name, lambda w: obj(w).pk)
    get = post = as_staff(200)
    if action == "add" and model_key in ADD_REDIRECTS:
        get = post = as_staff(To(reverse(ADD_REDIRECTS[model_key])))
    elif action == "add" and model_key in NO_ADD:
        get = post = admin_only(403)
    elif action == "delete" and model_key in NO_DELETE:
        get = post = admin_only(403)
    elif action == "change" and model_key in VIEW_ONLY:
        post = admin_only(403)
    elif action == "change" and model_key in SAVED_EMPTY:
        post = as_staff(To(reverse(f"admin:{model_key}_changelist")))
    elif action == "simple_history" and model_key in NO_REVERT:
        post = admin_only(403)
    return Entry(address, get, post, shows=ADMIN_HEADER)


def entry_for(pattern) -> Entry | None:
    if pattern.key in ENTRIES:
        return ENTRIES[pattern.key]
    family = admin_family(pattern)
    return admin_entry(*family) if family else None


MATRIX: dict[str, Entry] = {}
for _pattern in PATTERNS:
    _entry = entry_for(_pattern)
    if _entry is not None:
        MATRIX[_pattern.key] = _entry
ADMIN_KEYS = [key for key in MATRIX if key.startswith(("admin:", "admin/"))]


# --- the world ---------------------------------------------------------------------------------


def production_security_settings() -> dict:
    """The security settings as ccm_portal/settings.py makes them with DEBUG off (read from a
    process started with the production environment, as tests/ccm_portal/test_settings.py does)."""
    code = (
        "import json; from django.conf import settings; print(json.dumps({k: getattr(settings, k) "
        "for k in dir(settings) if k.startswith('SECURE_') or k.endswith('_COOKIE_SECURE') "
        "or k in ('X_FRAME_OPTIONS', 'STAFF_MFA_REQUIRED')}))"
    )
    result = _manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    assert values["SECURE_HSTS_SECONDS"] > 0 and values["STAFF_MFA_REQUIRED"] is True
    return values


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, and the production security settings for the whole module: every request
    goes over https, staff need MFA for the admin."""
    media = tmp_path_factory.mktemp("matrix-media")
    production = production_security_settings()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as tests/conftest.py sets it
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers, **production),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world(media)
            world.production = production
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            celery_app.conf.task_always_eager = eager


@pytest.fixture
def w(world, db, settings) -> World:
    """The world, in this test's savepoint, with its media folder."""
    settings.MEDIA_ROOT = world.media_root
    return world


def signed_in(world: World, role: str, **client_options) -> Client:
    """A client of ``role``, on the session opened for it when the world was built."""
    client = Client(**client_options)
    if role in world.sessions:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def send(client: Client, method: str, address: str, data: dict | None = None, **extra):
    """A GET, or a POST with ``data``, over https."""
    if method == "get":
        return client.get(address, secure=True, **extra)
    return client.post(address, data or {}, secure=True, **extra)


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def check(response, expected, *, world: World, address: str, text: str = "") -> None:
    """The response is ``expected`` (a status, a SignIn or a To) and, for a page answered
    with 2xx/400/409, shows ``text``."""
    if isinstance(expected, SignIn):
        assert response.status_code == 302, response.status_code
        location = urlsplit(response["Location"])
        assert location.path == expected.page, response["Location"]
        assert parse_qs(location.query)["next"] == [address], response["Location"]
    elif isinstance(expected, To):
        assert response.status_code == 302, response.status_code
        assert response["Location"] == expected.address(world)
    else:
        assert response.status_code == expected, (response.status_code, response.get("Location"))
        if text and expected in (200, 201, 400, 409):
            body = content(response)
            if text in (PDF, DOCX):  # a file: it starts with its signature
                assert body.startswith(text.encode("latin-1"))
            else:
                page = body.decode()
                assert text in page or escape(text) in page, f"{text!r} not shown"


# --- the matrix --------------------------------------------------------------------------------


def test_every_address_is_in_the_matrix():
    keys = [p.key for p in PATTERNS]
    assert len(keys) == len(set(keys)), "two patterns share a name: the matrix cannot tell them apart"
    missing = [f"{p.key}  ({p.route})" for p in PATTERNS if p.key not in MATRIX and p.key not in UNREACHABLE]
    assert not missing, "URL patterns not in the permission matrix; add them to the matrix:\n" + "\n".join(
        missing
    )
    stale = sorted(set(ENTRIES) - set(keys))
    assert not stale, f"Entries for patterns that no longer exist: {stale}"


def test_unreachable_patterns_are_the_ones_debug_adds(settings, tmp_path):
    from django.conf.urls.static import static

    settings.DEBUG = True
    assert {str(p.pattern) for p in static(settings.MEDIA_URL, document_root=tmp_path)} == set(UNREACHABLE)


def test_the_walk_sees_every_level():
    """The walk reaches route and regex patterns, nested namespaces and converters."""
    by_key = {p.key: p for p in PATTERNS}
    assert by_key["documents:document-detail"].arguments == (("symbol", "regex"),)
    assert by_key["submissions:comment-edit"].arguments == (
        ("pk", "IntConverter"),
        ("comment_pk", "IntConverter"),
    )
    assert by_key["admin:meetings_meeting_simple_history"].arguments == (("#0", "regex"), ("#1", "regex"))
    assert "mfa_activate_totp" in by_key and "account_login" in by_key
    assert len([k for k in by_key if k.endswith("_changelist")]) == len(admin_models())


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", list(MATRIX))
def test_permission_matrix(w, key, role, method):
    entry = MATRIX[key]
    address = entry.address(w)
    response = send(signed_in(w, role), method, address, entry.body(w))
    assert response.status_code < 500, f"{method.upper()} {address} as {role}: server error"
    check(response, entry.outcome(method, role), world=w, address=address, text=entry.text(w))
    body = content(response)
    if role != "fp_b":
        for marker in w.b_markers:
            assert marker.encode() not in body, f"Chile's unsubmitted work is shown: {marker}"
    if role in ("anonymous", "fp_b"):
        assert SECRET_A.encode() not in body, "Mexico's unsubmitted work is shown"
    if response.status_code == 200:
        assert_security_headers(response, hsts=w.production["SECURE_HSTS_SECONDS"])
        if role == "anonymous" and method == "get":  # again, from the public page cache if stored
            again = send(signed_in(w, role), method, address)
            assert again.status_code == 200
            assert_security_headers(again, hsts=w.production["SECURE_HSTS_SECONDS"])


# --- reverts in the admin's history -------------------------------------------------------------


def test_every_history_admin_checks_the_change_permission_on_revert():
    from simple_history.admin import SimpleHistoryAdmin

    from ccm_portal.lib.history_admin import HistoryAdmin

    plain = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin) and not isinstance(model_admin, HistoryAdmin)
    ]
    assert not plain, f"Use ccm_portal.lib.history_admin.HistoryAdmin for {plain}"


@pytest.mark.parametrize("key", [key for key in ADMIN_KEYS if key.endswith("_simple_history")])
def test_staff_who_may_only_view_cannot_revert(w, key):
    """SimpleHistoryAdmin saves a POSTed "Revert" for anyone who may view the record."""
    address = MATRIX[key].address(w)
    client = signed_in(w, "viewer")
    assert send(client, "get", address).status_code == 200
    before = row_counts()
    assert send(client, "post", address).status_code == 403
    assert row_counts() == before


# --- staff MFA on every admin page --------------------------------------------------------------


@pytest.mark.parametrize("key", ADMIN_KEYS)
def test_staff_mfa_is_required_on_every_admin_page(w, key):
    """The matrix's staff user, whose authenticator is removed, is sent to the TOTP set-up from
    every admin address; with a new authenticator, the address answers as in the matrix."""
    entry = MATRIX[key]
    staff = w.users["staff"]
    address = entry.address(w)
    Authenticator.objects.filter(user=staff).delete()
    client = signed_in(w, "staff")
    response = send(client, "get", address)
    assert response.status_code == 302 and response["Location"] == MFA_SETUP, response.get("Location")
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    check(send(client, "get", address), entry.outcome("get", "staff"), world=w, address=address)


# --- CSRF on every POST ---------------------------------------------------------------------


REFUSED = (404, 405, 403)


def accepted(outcome) -> bool:
    """Whether a POST with this outcome reached the view's own handling of it."""
    return not isinstance(outcome, SignIn) and outcome not in REFUSED


POSTERS = ("fp_a", "fp_b", "staff", "superuser", "anonymous")
CSRF_CASES = [
    (key, next(role for role in POSTERS if accepted(MATRIX[key].outcome("post", role))))
    for key in MATRIX
    if any(accepted(MATRIX[key].outcome("post", role)) for role in ROLES)
]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.parametrize(("key", "role"), CSRF_CASES)
def test_every_post_needs_a_csrf_token(w, key, role):
    entry = MATRIX[key]
    address = entry.address(w)
    client = signed_in(w, role, enforce_csrf_checks=True)
    before = row_counts()
    response = send(client, "post", address, entry.body(w), headers={"referer": "https://testserver/"})
    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()
    assert row_counts() == before
    assert not {c for c in response.cookies if c != "csrftoken"}, "a cookie was set"


@pytest.mark.parametrize(
    ("address", "data"),
    [
        ("/accounts/login/", {"login": "a@mexico.example", "password": "matrix-pass-1"}),
        ("/i18n/setlang/", {"language": "fr", "next": "/meetings/"}),
        ("/language/fr/?next=/meetings/", {}),
    ],
)
def test_sign_in_and_language_switch_need_a_csrf_token(w, address, data):
    client = Client(enforce_csrf_checks=True, headers={"referer": "https://testserver/"})
    response = send(client, "post", address, data)
    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert django_settings.LANGUAGE_COOKIE_NAME not in response.cookies
    # With the token of the page, the same sign-in and language choice are accepted.
    if address != "/language/fr/?next=/meetings/":  # a GET link (ccm_portal.views.choose_language)
        send(client, "get", "/accounts/login/")
        token = client.cookies[django_settings.CSRF_COOKIE_NAME].value
        response = send(client, "post", address, data | {"csrfmiddlewaretoken": token})
        assert response.status_code == 302
        assert "_auth_user_id" in client.session or django_settings.LANGUAGE_COOKIE_NAME in response.cookies


# --- security headers ---------------------------------------------------------------------------


def assert_security_headers(response, *, hsts: int) -> None:
    csp = response["Content-Security-Policy"]
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())
    script_src = directives.get("script-src", directives.get("default-src", ""))
    assert script_src and "'unsafe-inline'" not in script_src, csp
    assert directives.get("frame-ancestors") == "'none'" or response.get("X-Frame-Options") == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert f"max-age={hsts}" in response["Strict-Transport-Security"]


# --- the open data API shows nothing personal ---------------------------------------------------


def _export_text(response) -> str:
    """An answer's text: a workbook's cells, or the body itself."""
    body = content(response)
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).active
        return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    return body.decode()


def test_no_participant_appears_in_any_api_answer_or_export(w):
    """The registration's members (pending or approved, consenting to publication or not) and
    their e-mail addresses are in no answer of the API, as JSON, CSV or XLSX, nor in the public
    list pages' exports: no public page shows them yet (the list of participants is issued as an
    INF document of the register, which the API serves as a document)."""
    from accounts.models import User
    from registration.models import DelegationRegistration, Participant

    registration = DelegationRegistration.objects.get(pk=w.registration_pk)
    Participant.objects.create(
        registration=registration,
        name="Consenting Pending Person",
        email="consenting@mexico.example",
        consent_to_publish=True,
    )
    people = list(Participant.objects.values_list("name", "email"))
    accounts = [email for email in User.objects.values_list("email", flat=True) if email]
    assert ("Matrix Head of Mexico", "head@mexico.example") in people
    addresses = [MATRIX[key].address(w) for key in MATRIX if key.startswith("api:")]
    lists = ["/api/v1/documents/", "/api/v1/meetings/", "/api/v1/delegations/", "/api/v1/topics/"]
    pages = ["/documents/", "/meetings/", "/delegations/", "/machinery/", "/consultations/"]
    addresses += [f"{a}?format={f}" for a in lists + pages for f in ("csv", "xlsx")]
    addresses += ["/api/v1/reporting?lang=fr", f"/api/v1/meetings/{w.meeting.slug}?lang=es"]
    for address in addresses:
        response = send(signed_in(w, "anonymous"), "get", address)
        assert response.status_code in (200, 404), (address, response.status_code)
        text = _export_text(response)
        for name, email in people:
            assert name not in text, f"{address} shows {name}"
            assert email not in text, f"{address} shows {email}"
        assert "@mexico.example" not in text, address
        for email in accounts:
            assert email not in text, f"{address} shows the account {email}"
