"""The permission matrix's entries for the signed-in pages of focal points and the ISU:
submissions, registration and reporting (tests/security/test_url_matrix.py), and the patterns
no request reaches."""

from django.test.utils import override_settings
from django.urls import reverse

from .url_world import (
    PUBLISHED_A,
    SECRET_A,
    walk,
)

# The URLconf as production loads it (DEBUG off; see UNREACHABLE for what DEBUG adds).
with override_settings(DEBUG=False):
    PATTERNS = list(walk())

from .matrix_outcomes import (
    DOCX,
    ISU,
    ISU_405,
    LOGIN,
    NOT_ALLOWED,
    PDF,
    PUBLIC,
    SIGNED_IN,
    SIGNED_IN_405,
    Entry,
    To,
    isu_detail_url,
    owner_only,
    registration_detail_url,
    registration_isu_url,
    registration_slug,
    submission_pk,
    submission_url,
    url,
)

DELEGATION_ENTRIES: dict[str, Entry] = {
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
    "submissions:disposition-table": Entry(  # prepared, not published: the ISU's preview only
        url("submissions:disposition-table", lambda w: w.draft.slug, 1),
        (404, 404, 404, 200, 200),
        NOT_ALLOWED,
        shows="Not published yet",
    ),
    "submissions:disposition-table-file": Entry(
        url("submissions:disposition-table-file", slug=lambda w: w.draft.slug, number=1, fmt="pdf"),
        (404, 404, 404, 200, 200),
        NOT_ALLOWED,
        shows=PDF,
    ),
    "submissions:isu-disposition-table": Entry(
        url("submissions:isu-disposition-table", lambda w: w.version_pk),
        ISU,
        (LOGIN, 404, 404)
        + (To(lambda w: reverse("submissions:isu-disposition-table", args=[w.version_pk])),) * 2,
        shows="Publish the disposition table",
    ),
    "submissions:isu-disposition-table-publication": Entry(
        url("submissions:isu-disposition-table-publication", lambda w: w.version_pk),
        ISU_405,
        (LOGIN, 404, 404)
        + (To(lambda w: reverse("submissions:isu-disposition-table", args=[w.version_pk])),) * 2,
    ),
    "submissions:isu-disposition-table-file": Entry(
        url("submissions:isu-disposition-table-file", pk=lambda w: w.version_pk, fmt="docx"),
        ISU,
        ISU_405,
        shows=DOCX,
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
    "registration:isu-export-xlsx": Entry(  # an .xlsx is a ZIP archive, as a .docx is
        url("registration:isu-export-xlsx", registration_slug), ISU, ISU_405, shows=DOCX
    ),
    "registration:isu-seating-pdf": Entry(
        url("registration:isu-seating-pdf", registration_slug), ISU, ISU_405, shows=PDF
    ),
    "registration:isu-name-plates": Entry(
        url("registration:isu-name-plates", registration_slug), ISU, ISU_405, shows=PDF
    ),
    "registration:isu-badges": Entry(
        url("registration:isu-badges", registration_slug), ISU, ISU_405, shows=PDF
    ),
    "registration:isu-participants": Entry(  # an empty POST: no language chosen
        url("registration:isu-participants", registration_slug),
        ISU,
        (LOGIN, 404, 404, 400, 400),
        shows="List of participants",
    ),
    "registration:isu-check-in": Entry(  # an empty POST: no code typed
        url("registration:isu-check-in", registration_slug),
        ISU,
        (LOGIN, 404, 404, 400, 400),
        shows="Attendance per day",
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
