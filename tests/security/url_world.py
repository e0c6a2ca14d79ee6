"""The addresses of the project, read from its URL configuration, and one world of real rows to
visit them with (tests/security/test_url_matrix.py).

``walk()`` lists every URL pattern that ``django.urls.get_resolver()`` knows, through every
``include()``, namespace and regular expression (the admin's and allauth's included), with its
full name and arguments. ``build_world()`` loads the reference data and adds, for each role of
the matrix, what its pages need: Mexico's submission with a comment, an attachment, a receipt
and a publication, Chile's unsubmitted work, a compilation, PDFs of documents, and a row of every
model the admin lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO, StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from accounts.models import User
from accounts.reference_data import ISU_APPS, ISU_STAFF_GROUP
from consultations.models import Topic
from documents import services as document_services
from documents.models import Document, Rendition
from machinery.models import Candidacy, WorkingGroup
from machinery.models.presidencies import PRESIDED_KINDS
from meetings.models import Delegation, Meeting
from registration import participants_list
from registration import services as registration_services
from registration.models import Participant, RegistrationPeriod, SeatingLayout, SecurityEvent
from reporting.models import (
    Article3Obligation,
    Article4Obligation,
    Article7Report,
    ExtensionRequest,
    Reminder,
    ReportVersion,
    Retention,
)
from submissions import services
from submissions.models import Comment, Compilation, Draft, FocalPoint, Submission, SubmissionWindow
from submissions.parsing import parse_structured_text
from submissions.uploads import check_upload

# --- the URL configuration --------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its full name (``documents:document-detail``; None for the few unnamed
    ones), its full route (the route strings and regular expressions of every level joined),
    the names and kinds of its arguments, and its view."""

    name: str | None
    route: str
    arguments: tuple[tuple[str, str], ...]
    callback: object = field(compare=False, repr=False)

    @property
    def key(self) -> str:
        """How the matrix names it: the full name, or the route when it has no name."""
        return self.name or self.route


def _arguments(pattern) -> list[tuple[str, str]]:
    if isinstance(pattern, RoutePattern):
        return [(name, type(conv).__name__) for name, conv in pattern.converters.items()]
    regex = pattern.regex
    named = [(name, "regex") for name in regex.groupindex]
    positional = regex.groups - len(regex.groupindex)
    return named + [(f"#{i}", "regex") for i in range(positional)]


def walk(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "", inherited=()):
    """Every URL pattern under ``resolver`` (the project's root by default), depth first."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        arguments = [*inherited, *_arguments(entry.pattern)]
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry, route, inner, tuple(arguments))
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Pattern(name, route, tuple(arguments), entry.callback)
        else:  # pragma: no cover - Django has only these two
            raise TypeError(f"Unknown URL entry {entry!r}")


# --- the admin's models -----------------------------------------------------------------------


def admin_models() -> dict[str, type]:
    """The models of the admin site, by ``<app_label>_<model_name>`` as its URL names use."""
    return {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}


ADMIN_OBJECT_REDIRECT = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/<path:object_id>/$")


# --- the world --------------------------------------------------------------------------------

SECRET_A = "Unsubmitted afterthought of Mexico on paragraph three"
SECRET_B = "Unsubmitted confidential draft of Chile"
PUBLISHED_A = "Published remark of Mexico on paragraph two"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 - a test authenticator's seed

# ISU staff manage the Convention's records; managing accounts (users, their e-mail addresses
# and authenticators, groups) is left to superusers.
STAFF_APPS = ISU_APPS  # the apps whose records ISU staff keep (accounts/reference_data.py)

DRAFT_TEXT = """
# I. Introduction
1. The Convention entered into force in 2010.
2. States Parties reviewed its operation regularly.
3. States not party are encouraged to join without delay.
"""


def blank_pdf() -> bytes:
    """A valid one-page PDF, as staff would upload one."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass
class World:
    users: dict[str, User | None]
    sessions: dict[str, str]  # session key by role
    meeting: Meeting
    document: Document  # with a symbol and an English PDF
    slug_document: Document  # without a symbol, with an English PDF
    delegation: Delegation
    working_group: WorkingGroup
    topic: Topic
    draft: Draft
    version_pk: int
    window_pk: int
    submission: Submission  # Mexico's: submitted, published, reopened, with an unsubmitted comment
    comment: Comment  # Mexico's submitted comment (in the receipt and the publication)
    amendment: Comment  # Mexico's submitted amendment to paragraph 1
    attachment_pk: int
    b_submission: Submission  # Chile's, never submitted
    b_markers: list[str]  # what only Chile may see of it: its comment, its links in the admin
    admin_objects: dict[str, object]  # a row of each admin model, by <app_label>_<model_name>
    registration_pk: int  # Mexico's registration for ``meeting``, with one member
    member_pk: int
    media_root: Path
    reset_uidb36: str = ""
    reset_key: str = ""
    report_pk: int = 0  # Mexico's Article 7 report for 2024, with its English PDF
    production: dict = field(default_factory=dict)  # the production security settings in force


def _user(email: str, **fields) -> User:
    user = User.objects.create_user(email=email, password="matrix-pass-1", **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _pdf_rendition(document: Document) -> Rendition:
    rendition = Rendition(document=document, language="en")
    rendition.file.save("matrix.pdf", ContentFile(blank_pdf()), save=False)
    rendition.save()
    return document_services.accept_upload(rendition)


def build_world(media_root: Path) -> World:
    """Create the rows (the caller holds a transaction that it rolls back afterwards)."""
    call_command("load_ccm_data", stdout=StringIO())

    staff = _user("staff@isu.example", full_name="Iris Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name=ISU_STAFF_GROUP))  # as the ISU sets up its staff
    superuser = _user("super@isu.example", full_name="Sam Super", is_staff=True, is_superuser=True)
    # Not a role of the matrix: staff who may view every record and change none.
    viewer = _user("viewer@isu.example", full_name="Val Viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    for user in (staff, superuser, viewer):
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    mexico = Delegation.objects.get(iso3="MEX")
    chile = Delegation.objects.get(iso3="CHL")
    fp_a = _user("a@mexico.example", full_name="Ana Mexico")
    fp_b = _user("b@chile.example", full_name="Bea Chile")
    FocalPoint.objects.create(user=fp_a, delegation=mexico)
    FocalPoint.objects.create(user=fp_b, delegation=chile)
    Group.objects.create(name="Matrix reviewers")
    # The reference data has no candidacy for a Presidency yet.
    presided = Meeting.objects.filter(kind__in=PRESIDED_KINDS).order_by("-start_date").first()
    Candidacy.objects.create(meeting=presided, state=chile, announced_on=date(2026, 3, 1))

    # Reporting: Mexico's report with its PDF; Chile under the President's mandate (Article 4
    # obligations, no report).
    report = Article7Report.objects.create(
        state=mexico, kind=Article7Report.Kind.ANNUAL, year=2024, received_on=date(2025, 4, 20)
    )
    report_version = ReportVersion(report=report, language="en")
    report_version.file.save("report.pdf", ContentFile(blank_pdf()), save=False)
    report_version.save()
    Article3Obligation.objects.create(state=mexico, completion_declared_on=date(2012, 1, 1))
    Article4Obligation.objects.create(state=chile, areas="Matrix areas")
    Retention.objects.create(state=mexico, year=2024, submunitions=0)
    ExtensionRequest.objects.create(state=chile, article=4, submitted_on=date(2025, 3, 1), period_months=24)
    Reminder.objects.create(state=chile, year=2025, kind=Reminder.Kind.DUE, recipients="b@chile.example")

    meeting = Meeting.objects.exclude(slug="").order_by("pk").first()
    document = Document.objects.published().exclude(symbol=None).exclude(symbol="").order_by("pk").first()
    slug_document = Document.objects.published().filter(symbol__isnull=True).order_by("pk").first()
    _pdf_rendition(document)
    _pdf_rendition(slug_document)

    geneva = ZoneInfo("Europe/Zurich")
    draft = Draft.objects.create(
        title="Draft matrix document", slug="matrix-review", code="MTX", meeting=meeting
    )
    version = services.create_version(
        draft=draft, label="Zero draft", paragraphs=parse_structured_text(DRAFT_TEXT), by=None
    )
    window = SubmissionWindow.objects.create(
        version=version,
        opens_at=datetime(2020, 1, 1, tzinfo=geneva),
        original_deadline=datetime(2099, 12, 31, 23, 59, tzinfo=geneva),
    )

    def paragraph(number):
        return version.paragraphs.get(number=str(number))

    submission = services.start_submission(version=version, delegation=mexico, by=fp_a)
    comment = services.save_comment(
        submission=submission, by=fp_a, paragraph=paragraph(2), kind="comment", text=PUBLISHED_A
    )
    amendment = services.save_comment(
        submission=submission,
        by=fp_a,
        paragraph=paragraph(1),
        kind="amendment",
        text="",
        proposed_text="The Convention entered into force on 1 August 2010.",
    )
    attachment = services.add_attachment(
        submission=submission,
        checked=check_upload(SimpleUploadedFile("annex.pdf", blank_pdf())),
        by=fp_a,
    )
    services.set_consent(submission, consent=True, by=fp_a)
    services.submit(submission, by=fp_a)
    services.publish(submission, by=superuser)
    services.reopen(submission, by=fp_a)
    services.save_comment(
        submission=submission, by=fp_a, paragraph=paragraph(3), kind="comment", text=SECRET_A
    )

    b_submission = services.start_submission(version=version, delegation=chile, by=fp_b)
    b_comment = services.save_comment(
        submission=b_submission, by=fp_b, paragraph=None, kind="comment", text=SECRET_B
    )

    period = RegistrationPeriod.objects.create(
        meeting=meeting,
        opens_at=datetime(2020, 1, 1, tzinfo=geneva),
        original_deadline=datetime(2099, 12, 31, 23, 59, tzinfo=geneva),
        credentials_required=True,
    )
    registration = registration_services.register(
        period,
        delegation=mexico,
        letter=check_upload(SimpleUploadedFile("note-verbale.pdf", blank_pdf()), allowed=("pdf",)),
        credentials="copy",
        head={"name": "Matrix Head of Mexico", "role": Participant.Role.HEAD, "email": "head@mexico.example"},
        by=fp_a,
    )
    SeatingLayout.objects.create(meeting=meeting, first_state=Delegation.objects.get(iso3="PER"))
    # A published list of participants: Mexico's registration is pending, so it names no one.
    participants_list.issue(meeting, languages=["en"], by=superuser)
    registration_services.log_personal_data(
        user=superuser, action=SecurityEvent.Action.VIEWED, meeting=meeting, delegation=mexico
    )

    compilation = services.request_compilation(version, by=superuser)
    services.render_compilation(compilation_id=compilation.pk)
    compilation.refresh_from_db()
    assert compilation.state == Compilation.State.READY, compilation.error
    table = services.request_disposition_table(version, by=superuser)  # prepared, not published
    assert services.render_disposition_table(table_id=table.pk).state == "ready"

    objects = {}
    missing = []
    for key, model in admin_models().items():
        objects[key] = model._default_manager.order_by("pk").first()
        if objects[key] is None:
            missing.append(model.__name__)
    assert not missing, f"The world has no {missing}: add them in build_world()"
    objects["submissions_submission"] = submission
    objects["submissions_comment"] = comment
    objects["accounts_user"] = fp_a
    objects["meetings_meeting"] = meeting
    objects["documents_document"] = document
    objects["mfa_authenticator"] = Authenticator.objects.get(user=superuser)  # the MFA test removes staff's

    users = {
        "anonymous": None,
        "fp_a": fp_a,
        "fp_b": fp_b,
        "staff": staff,
        "superuser": superuser,
        "viewer": viewer,
    }
    sessions = {}
    for role, user in users.items():
        if user is not None:  # signed in once here; each test reuses the session (and rolls it back)
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    fp_a.refresh_from_db()  # signing in changed last_login, which reset tokens depend on

    submission.refresh_from_db()
    return World(
        users=users,
        sessions=sessions,
        meeting=meeting,
        document=document,
        slug_document=slug_document,
        delegation=mexico,
        working_group=WorkingGroup.objects.order_by("pk").first(),
        topic=Topic.objects.order_by("pk").first(),
        draft=draft,
        version_pk=version.pk,
        window_pk=window.pk,
        submission=submission,
        comment=comment,
        amendment=amendment,
        attachment_pk=attachment.pk,
        b_submission=b_submission,
        b_markers=[
            SECRET_B,
            reverse("admin:submissions_submission_change", args=[b_submission.pk]),
            reverse("admin:submissions_comment_change", args=[b_comment.pk]),
        ],
        admin_objects=objects,
        registration_pk=registration.pk,
        member_pk=registration.participants.get().pk,
        media_root=media_root,
        reset_uidb36=user_pk_to_url_str(fp_a),
        reset_key=default_token_generator.make_token(fp_a),
        report_pk=report.pk,
    )
