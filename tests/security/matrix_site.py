"""The permission matrix's entries for the site, the admin's own pages, sign-in and account
pages, the public pages and the open data API (tests/security/test_url_matrix.py)."""

from django.contrib.contenttypes.models import ContentType
from django.test.utils import override_settings
from django.urls import reverse

from .url_world import (
    PUBLISHED_A,
    walk,
)

# The URLconf as production loads it (DEBUG off; see UNREACHABLE for what DEBUG adds).
with override_settings(DEBUG=False):
    PATTERNS = list(walk())

from .matrix_outcomes import (
    ADMIN_HEADER,
    HOME,
    LOGIN,
    NOT_ALLOWED,
    PUBLIC,
    REAUTH,
    SIGNED_IN,
    SIGNED_IN_405,
    Entry,
    To,
    admin_only,
    set_password_url,
    submission_pk,
    url,
)

SITE_ENTRIES: dict[str, Entry] = {
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
    "api:meeting-participants": Entry(
        url("api:meeting-participants", slug=lambda w: w.meeting.slug),
        PUBLIC,
        NOT_ALLOWED,
        shows='"groups": []',
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
    "api:reporting": Entry(url("api:reporting"), PUBLIC, NOT_ALLOWED, shows="overdue_annual"),
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
}
