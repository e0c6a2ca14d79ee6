"""A permission matrix generated from the URL configuration, so that no address escapes it.

``url_world.walk()`` lists every URL pattern of the project (the admin's and allauth's included).
Every pattern must be in the table below: by its full name in ENTRIES, by the admin's rule for
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
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from ccm_portal.celery import app as celery_app
from tests.ccm_portal.test_settings import PRODUCTION_ENV, _manage

from .url_world import (
    ADMIN_OBJECT_REDIRECT,
    PUBLISHED_A,
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

PDF = "%PDF-"
DOCX = "PK\x03\x04"  # a .docx is a ZIP archive

ROLES = ("anonymous", "fp_a", "fp_b", "staff", "superuser")
METHODS = ("get", "post")


# --- outcomes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    """A 302 to a sign-in page whose ``next`` is the address asked for."""

    page: str

    def __repr__(self) -> str:
        return f"302 to {self.page}?next=..."


@dataclass(frozen=True)
class To:
    """A 302 to ``target``: an address, or a function of the world giving one."""

    target: str | Callable[[World], str]

    def address(self, world: World) -> str:
        return self.target(world) if callable(self.target) else self.target


LOGIN = SignIn("/accounts/login/")
ADMIN_LOGIN = SignIn("/admin/login/")
REAUTH = SignIn("/accounts/reauthenticate/")
HOME = To("/")
MFA_SETUP = "/accounts/2fa/totp/activate/"

# Outcomes per role, in the order of ROLES.
PUBLIC = (200,) * 5
NOT_ALLOWED = (405,) * 5
SIGNED_IN = (LOGIN, 200, 200, 200, 200)
SIGNED_IN_405 = (LOGIN, 405, 405, 405, 405)
ISU = (LOGIN, 404, 404, 200, 200)
ISU_405 = (LOGIN, 404, 404, 405, 405)


def owner_only(outcome) -> tuple:
    """Mexico's focal point gets ``outcome``; Chile's and the ISU get a 404 (nothing leaks)."""
    return (LOGIN, outcome, 404, 404, 404)


def admin_only(staff, superuser=None) -> tuple:
    """Non-staff go to the admin's sign-in page."""
    return (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, staff, staff if superuser is None else superuser)


@dataclass(frozen=True)
class Entry:
    """One address of the matrix: how to build it from the world, the outcome of a GET and of
    a POST for each role, the POST's body, and a text that the answers with a 2xx or 4xx page
    (not 403/404/405) must show (PDF or DOCX: the body starts with that file signature)."""

    address: Callable[[World], str]
    get: tuple
    post: tuple
    data: dict | Callable[[World], dict] = field(default_factory=dict)
    shows: str | Callable[[World], str] = ""

    def outcome(self, method: str, role: str):
        return getattr(self, method)[ROLES.index(role)]

    def body(self, world: World) -> dict:
        return self.data(world) if callable(self.data) else self.data

    def text(self, world: World) -> str:
        return self.shows(world) if callable(self.shows) else self.shows


def url(name: str, *args, **kwargs) -> Callable[[World], str]:
    """An address by name, with arguments that may be functions of the world."""

    def build(world: World) -> str:
        return reverse(
            name,
            args=[a(world) if callable(a) else a for a in args],
            kwargs={k: v(world) if callable(v) else v for k, v in kwargs.items()},
        )

    return build


def submission_pk(w: World) -> int:
    return w.submission.pk


def submission_url(w: World) -> str:
    return reverse("submissions:submission-detail", args=[w.submission.pk])


def set_password_url(w: World) -> str:
    return reverse(
        "account_reset_password_from_key", kwargs={"uidb36": w.reset_uidb36, "key": "set-password"}
    )


def isu_detail_url(w: World) -> str:
    return reverse("submissions:isu-submission-detail", args=[w.submission.pk])


def registration_slug(w: World) -> str:
    return w.meeting.slug


def registration_detail_url(w: World) -> str:
    return reverse("registration:registration-detail", args=[w.meeting.slug])


def registration_isu_url(w: World) -> str:
    return reverse("registration:isu-list", args=[w.meeting.slug])


ADMIN_HEADER = "CCM Portal administration"

ENTRIES: dict[str, Entry] = {
    # --- the site ---
    "home": Entry(url("home"), PUBLIC, NOT_ALLOWED, shows="Upcoming meetings"),
    "healthz": Entry(url("healthz"), PUBLIC, NOT_ALLOWED, shows='{"status": "ok"}'),
    "robots": Entry(url("robots"), PUBLIC, NOT_ALLOWED, shows="Disallow: /submissions/"),
    "set_language": Entry(
        url("set_language"),
        (HOME,) * 5,
        (To("/fr/meetings/"),) * 5,
        data={"language": "fr", "next": "/meetings/"},
    ),
    "choose-language": Entry(
        lambda w: reverse("choose-language", args=["fr"]) + "?next=/meetings/",
        (To("/fr/meetings/"),) * 5,
        NOT_ALLOWED,
    ),
    # --- the admin site's own pages (the admin answers a POST like a GET where Django does) ---
    "admin:index": Entry(url("admin:index"), admin_only(200), admin_only(200), shows=ADMIN_HEADER),
    "admin:login": Entry(
        url("admin:login"),
        (LOGIN, 403, 403, To("/admin/"), To("/admin/")),  # allauth signs in; non-staff: 403
        (LOGIN, 403, 403, 200, 200),
        shows=ADMIN_HEADER,
    ),
    "admin:logout": Entry(
        url("admin:logout"),
        (To("/admin/"),) * 3 + (405, 405),
        (To("/admin/"),) * 3 + (200, 200),
        shows="Logged out",
    ),
    "admin:password_change": Entry(
        url("admin:password_change"), admin_only(200), admin_only(200), shows="Password change"
    ),
    "admin:password_change_done": Entry(
        url("admin:password_change_done"), admin_only(200), admin_only(405), shows="Password change"
    ),
    "admin:autocomplete": Entry(
        lambda w: (
            reverse("admin:autocomplete")
            + "?app_label=meetings&model_name=participation&field_name=delegation&term=Mex"
        ),
        admin_only(200),
        admin_only(405),
        shows="Mexico",
    ),
    "admin:jsi18n": Entry(url("admin:jsi18n"), admin_only(200), admin_only(405), shows="gettext"),
    "admin:view_on_site": Entry(
        lambda w: reverse(
            "admin:view_on_site", args=[ContentType.objects.get_for_model(w.meeting).pk, w.meeting.pk]
        ),
        admin_only(To(lambda w: "https://testserver" + w.meeting.get_absolute_url())),
        admin_only(To(lambda w: "https://testserver" + w.meeting.get_absolute_url())),
    ),
    "admin:app_list": Entry(
        url("admin:app_list", "meetings"), admin_only(200), admin_only(200), shows="Meetings"
    ),
    # The admin's last pattern: unknown addresses, 404 once signed in (no hint before).
    "admin/(?P<url>.*)$": Entry(lambda w: "/admin/no-such-page/", admin_only(404), admin_only(404)),
    # --- the admin's own views of some models (the rest follow ADMIN_ACTIONS) ---
    "admin:auth_user_password_change": Entry(
        url("admin:auth_user_password_change", lambda w: w.users["fp_a"].pk),
        admin_only(403, 200),
        admin_only(403, 200),
        shows="a@mexico.example",
    ),
    "admin:documents_document_generate": Entry(
        url("admin:documents_document_generate"),
        admin_only(200),
        admin_only(200),
        shows="Generate a document from a meeting",
    ),
    "admin:documents_document_render_status": Entry(
        url("admin:documents_document_render_status", lambda w: w.document.pk),
        admin_only(200),
        admin_only(200),
        shows="English",
    ),
    "admin:submissions_focalpoint_invite": Entry(
        url("admin:submissions_focalpoint_invite"),
        admin_only(200),
        admin_only(200),
        shows="Invite a focal point",
    ),
    # --- allauth: sign-in, password, e-mail, MFA ---
    "account_login": Entry(
        url("account_login"), (200, HOME, HOME, HOME, HOME), (200, HOME, HOME, HOME, HOME), shows="Sign in"
    ),
    "account_logout": Entry(url("account_logout"), (HOME, 200, 200, 200, 200), (HOME,) * 5, shows="Sign out"),
    "account_inactive": Entry(url("account_inactive"), PUBLIC, NOT_ALLOWED, shows="inactive"),
    "account_signup": Entry(  # sign-up is closed: accounts are opened by the ISU
        url("account_signup"), (200, HOME, HOME, HOME, HOME), (200, HOME, HOME, HOME, HOME), shows="closed"
    ),
    "account_reauthenticate": Entry(url("account_reauthenticate"), SIGNED_IN, SIGNED_IN, shows="Password"),
    "account_request_reauthentication_code": Entry(
        url("account_request_reauthentication_code"), SIGNED_IN, SIGNED_IN
    ),
    "account_confirm_reauthentication_code": Entry(  # no code requested yet: ask for one first
        url("account_confirm_reauthentication_code"),
        (LOGIN,) + (To("/accounts/reauthenticate/code/"),) * 4,
        (LOGIN,) + (To("/accounts/reauthenticate/code/"),) * 4,
    ),
    "account_email": Entry(
        url("account_email"),
        SIGNED_IN,
        (LOGIN,) + (To("/accounts/email/"),) * 4,
        shows="Email Addresses",
    ),
    "account_email_verification_sent": Entry(url("account_email_verification_sent"), PUBLIC, NOT_ALLOWED),
    "account_change_password": Entry(url("account_change_password"), SIGNED_IN, SIGNED_IN, shows="Password"),
    "account_set_password": Entry(
        url("account_set_password"),
        (LOGIN,) + (To("/accounts/password/change/"),) * 4,
        (LOGIN,) + (To("/accounts/password/change/"),) * 4,
    ),
    "account_reset_password": Entry(url("account_reset_password"), PUBLIC, PUBLIC, shows="Password"),
    "account_confirm_login_code": Entry(
        url("account_confirm_login_code"),
        (To("/accounts/login/"), HOME, HOME, HOME, HOME),
        (To("/accounts/login/"), HOME, HOME, HOME, HOME),
    ),
    "account_confirm_email": Entry(url("account_confirm_email", "no-such-key"), PUBLIC, (404,) * 5),
    "account_reset_password_from_key_done": Entry(
        url("account_reset_password_from_key_done"), PUBLIC, NOT_ALLOWED
    ),
    "account_reset_password_from_key": Entry(
        lambda w: reverse(
            "account_reset_password_from_key", kwargs={"uidb36": w.reset_uidb36, "key": w.reset_key}
        ),
        (To(set_password_url),) * 5,  # the key moves from the address into the session
        (To(set_password_url),) * 5,
    ),
    "account_reset_password_done": Entry(url("account_reset_password_done"), PUBLIC, NOT_ALLOWED),
    "mfa_index": Entry(url("mfa_index"), SIGNED_IN, SIGNED_IN_405, shows="Two-Factor"),
    # Each person's own settings: an empty POST is refused with the form's message.
    "accounts:settings": Entry(url("accounts:settings"), SIGNED_IN, SIGNED_IN, shows="Language of e-mails"),
    "mfa_authenticate": Entry(
        url("mfa_authenticate"),
        (To("/accounts/login/"), HOME, HOME, HOME, HOME),
        (To("/accounts/login/"), HOME, HOME, HOME, HOME),
    ),
    "mfa_reauthenticate": Entry(  # for those with an authenticator; the others use a password
        url("mfa_reauthenticate"),
        (LOGIN, To("/accounts/reauthenticate/"), To("/accounts/reauthenticate/"), 200, 200),
        (LOGIN, To("/accounts/reauthenticate/"), To("/accounts/reauthenticate/"), 200, 200),
    ),
    "mfa_activate_totp": Entry(url("mfa_activate_totp"), (LOGIN,) + (REAUTH,) * 4, (LOGIN,) + (REAUTH,) * 4),
    "mfa_deactivate_totp": Entry(
        url("mfa_deactivate_totp"), (LOGIN, 404, 404, REAUTH, REAUTH), (LOGIN, 404, 404, REAUTH, REAUTH)
    ),
    "mfa_view_recovery_codes": Entry(
        url("mfa_view_recovery_codes"), (LOGIN, 404, 404, 404, 404), SIGNED_IN_405
    ),
    "mfa_generate_recovery_codes": Entry(
        url("mfa_generate_recovery_codes"), (LOGIN,) + (REAUTH,) * 4, (LOGIN,) + (REAUTH,) * 4
    ),
    "mfa_download_recovery_codes": Entry(
        url("mfa_download_recovery_codes"), (LOGIN,) + (404,) * 4, (LOGIN,) + (404,) * 4
    ),
    # --- public pages ---
    "documents:document-list": Entry(
        url("documents:document-list"), PUBLIC, NOT_ALLOWED, shows=lambda w: w.document.symbol
    ),
    "documents:document-feed": Entry(
        url("documents:document-feed"), PUBLIC, NOT_ALLOWED, shows=lambda w: w.document.symbol
    ),
    "documents:document-detail": Entry(
        lambda w: w.document.get_absolute_url(), PUBLIC, NOT_ALLOWED, shows=lambda w: w.document.symbol
    ),
    "documents:document-detail-slug": Entry(
        lambda w: w.slug_document.get_absolute_url(),
        PUBLIC,
        NOT_ALLOWED,
        shows=lambda w: w.slug_document.title,
    ),
    "documents:document-status": Entry(
        url("documents:document-status", symbol=lambda w: w.document.symbol),
        PUBLIC,
        NOT_ALLOWED,
        shows="English",
    ),
    "documents:document-status-slug": Entry(
        url("documents:document-status-slug", slug=lambda w: w.slug_document.slug),
        PUBLIC,
        NOT_ALLOWED,
        shows="English",
    ),
    "documents:rendition-pdf": Entry(
        url("documents:rendition-pdf", symbol=lambda w: w.document.symbol, language="en"),
        PUBLIC,
        NOT_ALLOWED,
        shows="%PDF-",
    ),
    "documents:rendition-pdf-slug": Entry(
        url("documents:rendition-pdf-slug", slug=lambda w: w.slug_document.slug, language="en"),
        PUBLIC,
        NOT_ALLOWED,
        shows="%PDF-",
    ),
    "meetings:meeting-list": Entry(url("meetings:meeting-list"), PUBLIC, NOT_ALLOWED, shows="Meetings"),
    "meetings:meeting-calendar": Entry(
        url("meetings:meeting-calendar"), PUBLIC, NOT_ALLOWED, shows="BEGIN:VCALENDAR"
    ),
    "meetings:meeting-detail": Entry(
        lambda w: w.meeting.get_absolute_url(), PUBLIC, NOT_ALLOWED, shows=lambda w: w.meeting.title
    ),
    "meetings:meeting-detail-calendar": Entry(
        url("meetings:meeting-detail-calendar", lambda w: w.meeting.slug),
        PUBLIC,
        NOT_ALLOWED,
        shows="BEGIN:VEVENT",
    ),
    "meetings:delegation-list": Entry(url("meetings:delegation-list"), PUBLIC, NOT_ALLOWED, shows="Mexico"),
    "meetings:delegation-detail": Entry(
        lambda w: w.delegation.get_absolute_url(), PUBLIC, NOT_ALLOWED, shows="Mexico"
    ),
    "machinery:overview": Entry(
        url("machinery:overview"), PUBLIC, NOT_ALLOWED, shows="Coordination Committee"
    ),
    "machinery:presidency-list": Entry(
        url("machinery:presidency-list"), PUBLIC, NOT_ALLOWED, shows="President"
    ),
    "machinery:working-group-detail": Entry(
        url("machinery:working-group-detail", lambda w: w.working_group.slug),
        PUBLIC,
        NOT_ALLOWED,
        shows=lambda w: w.working_group.name,
    ),
    "consultations:consultation-list": Entry(
        url("consultations:consultation-list"), PUBLIC, NOT_ALLOWED, shows="Positions by topic"
    ),
    "consultations:topic-detail": Entry(
        url("consultations:topic-detail", lambda w: w.topic.slug),
        PUBLIC,
        NOT_ALLOWED,
        shows=lambda w: w.topic.name,
    ),
    # --- the open data API (/api/v1/): public records only, JSON ---
    "api:api-root": Entry(url("api:api-root"), PUBLIC, NOT_ALLOWED, shows="openapi.json"),
    "api:docs": Entry(url("api:docs"), PUBLIC, NOT_ALLOWED, shows="Open data API"),
    "api:openapi-json": Entry(url("api:openapi-json"), PUBLIC, NOT_ALLOWED, shows='"openapi": "3.1'),
    "api:document-list": Entry(
        url("api:document-list"), PUBLIC, NOT_ALLOWED, shows=lambda w: w.document.symbol
    ),
    "api:document-detail": Entry(
        url("api:document-detail", key=lambda w: w.document.symbol),
        PUBLIC,
        NOT_ALLOWED,
        shows=lambda w: w.document.title,
    ),
    "api:meeting-list": Entry(url("api:meeting-list"), PUBLIC, NOT_ALLOWED, shows=lambda w: w.meeting.slug),
    "api:meeting-detail": Entry(
        url("api:meeting-detail", slug=lambda w: w.meeting.slug),
        PUBLIC,
        NOT_ALLOWED,
        shows=lambda w: w.meeting.title,
    ),
    "api:delegation-list": Entry(
        lambda w: reverse("api:delegation-list") + "?kind=state&page_size=200&region=americas",
        PUBLIC,
        NOT_ALLOWED,
        shows="Mexico",
    ),
    "api:delegation-detail": Entry(
        url("api:delegation-detail", key=lambda w: w.delegation.iso3), PUBLIC, NOT_ALLOWED, shows="Mexico"
    ),
    "api:machinery": Entry(url("api:machinery"), PUBLIC, NOT_ALLOWED, shows="coordination_committee"),
    "api:topic-list": Entry(url("api:topic-list"), PUBLIC, NOT_ALLOWED, shows=lambda w: w.topic.slug),
    "api:topic-detail": Entry(
        url("api:topic-detail", slug=lambda w: w.topic.slug),
        PUBLIC,
        NOT_ALLOWED,
        shows=lambda w: w.topic.slug,
    ),
    "api:not-found": Entry(lambda w: "/api/v1/no-such-resource", (404,) * 5, (404,) * 5),
    "submissions:draft-detail": Entry(
        url("submissions:draft-detail", lambda w: w.draft.slug), PUBLIC, NOT_ALLOWED, shows="Mexico"
    ),
    "submissions:draft-evolution": Entry(
        url("submissions:draft-evolution", lambda w: w.draft.slug),
        PUBLIC,
        NOT_ALLOWED,
        shows="Evolution of the text",
    ),
    "submissions:published-detail": Entry(
        url("submissions:published-detail", lambda w: w.draft.slug, submission_pk),
        PUBLIC,
        NOT_ALLOWED,
        shows=PUBLISHED_A,
    ),
    # --- focal points (signed in) ---
    "submissions:index": Entry(
        url("submissions:index"), SIGNED_IN, SIGNED_IN_405, shows="Comments on drafts"
    ),
    "submissions:version-detail": Entry(
        url("submissions:version-detail", lambda w: w.draft.slug, 1),
        SIGNED_IN,
        SIGNED_IN_405,
        shows="States not party are encouraged",
    ),
    "submissions:version-docx": Entry(
        url("submissions:version-docx", lambda w: w.draft.slug, 1), SIGNED_IN, SIGNED_IN_405, shows=DOCX
    ),
    "submissions:version-compare": Entry(
        url("submissions:version-compare", lambda w: w.draft.slug, 1),
        SIGNED_IN,
        SIGNED_IN_405,
        shows="first version",
    ),
    "submissions:submission-start": Entry(  # each delegation is taken to its own submission
        url("submissions:submission-start", lambda w: w.draft.slug, 1),
        SIGNED_IN_405,
        (
            LOGIN,
            To(submission_url),
            To(lambda w: reverse("submissions:submission-detail", args=[w.b_submission.pk])),
            404,
            404,
        ),
    ),
    "submissions:submission-detail": Entry(
        url("submissions:submission-detail", submission_pk), owner_only(200), SIGNED_IN_405, shows=SECRET_A
    ),
    "submissions:comment-create": Entry(
        url("submissions:comment-create", submission_pk),
        owner_only(200),
        owner_only(To(lambda w: submission_url(w) + "#general")),
        data={"kind": "comment", "text": "A general comment from the matrix"},
        shows="general comment",
    ),
    "submissions:comment-edit": Entry(
        url("submissions:comment-edit", submission_pk, lambda w: w.comment.pk),
        owner_only(200),
        owner_only(To(lambda w: submission_url(w) + f"#p-{w.comment.paragraph_id}")),
        data={"kind": "comment", "text": "Edited by the matrix"},
        shows=PUBLISHED_A,
    ),
    "submissions:comment-delete": Entry(
        url("submissions:comment-delete", submission_pk, lambda w: w.comment.pk),
        owner_only(200),
        owner_only(To(submission_url)),
        shows=PUBLISHED_A,
    ),
    "submissions:attachment-upload": Entry(
        url("submissions:attachment-upload", submission_pk),
        SIGNED_IN_405,
        owner_only(400),
        shows="Choose a file to attach",
    ),
    "submissions:attachment-download": Entry(
        url("submissions:attachment-download", submission_pk, lambda w: w.attachment_pk),
        (LOGIN, 200, 404, 200, 200),  # the ISU sees a submitted submission's files
        SIGNED_IN_405,
        shows="%PDF-",
    ),
    "submissions:attachment-delete": Entry(
        url("submissions:attachment-delete", submission_pk, lambda w: w.attachment_pk),
        SIGNED_IN_405,
        owner_only(To(lambda w: submission_url(w) + "#attachments")),
    ),
    "submissions:submission-consent": Entry(
        url("submissions:submission-consent", submission_pk), SIGNED_IN_405, owner_only(To(submission_url))
    ),
    "submissions:submission-submit": Entry(
        url("submissions:submission-submit", submission_pk),
        SIGNED_IN_405,
        owner_only(To(lambda w: reverse("submissions:receipt", args=[w.submission.pk, 2]))),
        data={"consent_to_publish": "on"},
    ),
    "submissions:submission-reopen": Entry(  # it is open for editing already
        url("submissions:submission-reopen", submission_pk),
        SIGNED_IN_405,
        owner_only(409),
        shows="can already be edited",
    ),
    "submissions:submission-withdraw": Entry(
        url("submissions:submission-withdraw", submission_pk), SIGNED_IN_405, owner_only(To(submission_url))
    ),
    "submissions:receipt": Entry(
        url("submissions:receipt", submission_pk, 1),
        (LOGIN, 200, 404, 200, 200),
        SIGNED_IN_405,
        shows=PUBLISHED_A,
    ),
    "submissions:receipt-pdf": Entry(
        url("submissions:receipt-pdf", submission_pk, 1),
        (LOGIN, 200, 404, 200, 200),
        SIGNED_IN_405,
        shows="%PDF-",
    ),
    "reporting:overview": Entry(
        url("reporting:overview"), PUBLIC, NOT_ALLOWED, shows="Reporting rate by year"
    ),
    "reporting:report-pdf": Entry(
        url("reporting:report-pdf", pk=lambda w: w.report_pk, language="en"),
        PUBLIC,
        NOT_ALLOWED,
        shows="%PDF-",
    ),
    "reporting:mandate": Entry(url("reporting:mandate"), ISU, ISU_405, shows="Chile"),
    "reporting:mandate-csv": Entry(url("reporting:mandate-csv"), ISU, ISU_405, shows="Chile"),
    "reporting:report-import": Entry(
        url("reporting:report-import"),
        ISU,
        (LOGIN, 404, 404, 400, 400),  # no file: the form says so
        shows="Import Article 7 reports",
    ),
    # --- ISU pages: 404 for focal points ---
    "submissions:isu-index": Entry(url("submissions:isu-index"), ISU, ISU_405, shows=lambda w: w.draft.title),
    "submissions:isu-submission-list": Entry(
        url("submissions:isu-submission-list"), ISU, ISU_405, shows="Mexico"
    ),
    "submissions:isu-submission-detail": Entry(
        url("submissions:isu-submission-detail", submission_pk), ISU, ISU_405, shows=PUBLISHED_A
    ),
    "submissions:isu-publish": Entry(
        url("submissions:isu-publish", submission_pk),
        ISU_405,
        (LOGIN, 404, 404, To(isu_detail_url), To(isu_detail_url)),
        data={"action": "unpublish"},
    ),
    "submissions:isu-disposition": Entry(
        url("submissions:isu-disposition", lambda w: w.comment.pk),
        ISU_405,
        (LOGIN, 404, 404) + (To(lambda w: f"{isu_detail_url(w)}#c-{w.comment.pk}"),) * 2,
        data=lambda w: {f"c{w.comment.pk}-disposition": "partly", f"c{w.comment.pk}-note": "Noted"},
    ),
    "submissions:isu-statistics": Entry(url("submissions:isu-statistics"), ISU, ISU_405, shows="Mexico"),
    "submissions:isu-version-create": Entry(  # an empty POST shows the empty form again
        url("submissions:isu-version-create", lambda w: w.draft.slug), ISU, ISU, shows="Structured text"
    ),
    "submissions:isu-window-extend": Entry(
        url("submissions:isu-window-extend", lambda w: w.window_pk), ISU, ISU, shows="Record an extension"
    ),
    "submissions:isu-compilation": Entry(
        url("submissions:isu-compilation", lambda w: w.version_pk),
        ISU,
        (LOGIN, 404, 404) + (To(lambda w: reverse("submissions:isu-compilation", args=[w.version_pk])),) * 2,
        shows="Ready",
    ),
    "submissions:isu-merge": Entry(
        url("submissions:isu-merge", lambda w: w.version_pk), ISU, ISU_405, shows="Build the next version"
    ),
    "submissions:isu-merge-build": Entry(  # an empty POST shows the form again with its errors
        url("submissions:isu-merge-build", lambda w: w.version_pk),
        ISU_405,
        (LOGIN, 404, 404, 400, 400),
        shows="This field is required",
    ),
    "submissions:isu-amendment-decision": Entry(
        url("submissions:isu-amendment-decision", lambda w: w.amendment.pk),
        ISU_405,
        (LOGIN, 404, 404)
        + (To(lambda w: reverse("submissions:isu-merge", args=[w.version_pk]) + f"#a-{w.amendment.pk}"),) * 2,
        data=lambda w: {f"a{w.amendment.pk}-disposition": "taken_up"},
    ),
    "submissions:isu-compilation-status": Entry(
        url("submissions:isu-compilation-status", lambda w: w.version_pk), ISU, ISU_405, shows="Ready"
    ),
    "submissions:isu-compilation-file": Entry(
        url("submissions:isu-compilation-file", pk=lambda w: w.version_pk, fmt="pdf"),
        ISU,
        ISU_405,
        shows="%PDF-",
    ),
    # --- registration for a meeting: the delegation's pages, then the ISU's ---
    "registration:registration-detail": Entry(  # Chile has no registration yet: the form to register
        url("registration:registration-detail", registration_slug),
        (LOGIN, 200, 200, To(registration_isu_url), To(registration_isu_url)),
        (LOGIN, 200, 400, To(registration_isu_url), To(registration_isu_url)),
        shows="Registration deadline",
    ),
    "registration:participant-add": Entry(
        url("registration:participant-add", registration_slug),
        owner_only(200),
        owner_only(400),
        shows="Add a member",
    ),
    "registration:participant-edit": Entry(
        url("registration:participant-edit", registration_slug, lambda w: w.member_pk),
        owner_only(200),
        owner_only(400),
        shows="Change a member",
    ),
    "registration:participant-remove": Entry(  # the last member stays: a message on the page
        url("registration:participant-remove", registration_slug, lambda w: w.member_pk),
        SIGNED_IN_405,
        owner_only(To(registration_detail_url)),
    ),
    "registration:letter-edit": Entry(  # an empty POST keeps the letter on file
        url("registration:letter-edit", registration_slug),
        owner_only(200),
        owner_only(To(registration_detail_url)),
        shows="Note verbale",
    ),
    "registration:letter-download": Entry(
        url("registration:letter-download", registration_slug, lambda w: w.registration_pk),
        (LOGIN, 200, 404, 200, 200),
        SIGNED_IN_405,
        shows="%PDF-",
    ),
    "registration:registration-withdraw": Entry(
        url("registration:registration-withdraw", registration_slug),
        SIGNED_IN_405,
        owner_only(To(registration_detail_url)),
    ),
    "registration:isu-list": Entry(
        url("registration:isu-list", registration_slug), ISU, ISU_405, shows="Mexico"
    ),
    "registration:isu-decide": Entry(
        url("registration:isu-decide", registration_slug),
        ISU_405,
        (LOGIN, 404, 404, 400, 400),
        shows="Mexico",
    ),
    "registration:isu-export": Entry(
        url("registration:isu-export", registration_slug), ISU, ISU_405, shows="Matrix Head of Mexico"
    ),
    "registration:isu-extend": Entry(
        url("registration:isu-extend", registration_slug),
        ISU,
        (LOGIN, 404, 404, 400, 400),
        shows="Record an extension",
    ),
    "registration:isu-seating": Entry(
        url("registration:isu-seating", registration_slug), ISU, (LOGIN, 404, 404, 400, 400), shows="Peru"
    ),
    "registration:isu-detail": Entry(
        url("registration:isu-detail", registration_slug, lambda w: w.registration_pk),
        ISU,
        ISU_405,
        shows="Matrix Head of Mexico",
    ),
}

# Patterns that no request can reach, with the reason.
UNREACHABLE = {
    "^media/(?P<path>.*)$": "added by ccm_portal/urls.py only when DEBUG is on (runserver serves uploads)",
}

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
}
ADD_REDIRECTS = {"submissions_focalpoint": "admin:submissions_focalpoint_invite"}
VIEW_ONLY = {"submissions_submissionrevision", "ccm_portal_outboxmessage", "registration_securityevent"}
NO_DELETE = {"ccm_portal_outboxmessage", "registration_securityevent"}
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
