"""Demo content of the embedded default (DEBUG only): a short illustrative draft written for the
demonstration, open for comment, the demo account as focal point of Mexico, and submitted
comments and amendments from two other demo delegations (Chile, with consent to publish, and
Norway), so that a compilation, its Word file with tracked changes, the next version and the
evolution of the text can be tried at once."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from meetings.models import Delegation, Meeting

from . import services
from .models import Draft, DraftVersion, FocalPoint, Submission, SubmissionWindow, WindowExtension
from .parsing import parse_structured_text

DEMO_EMAIL = "delegate@example.org"

DEMO_TEXT = """
# I. Introduction
1. This short text was written for the demonstration of the portal. It is not a document of the Convention and does not report any decision.
2. It lets a focal point try the whole journey: reading a version paragraph by paragraph, commenting, proposing changes, attaching a file, saving, submitting and receiving a receipt.
# II. Illustrative commitments
## Universalization
3. States Parties would continue to encourage States not party to join the Convention at the earliest opportunity.
4. States Parties would report each year on their contacts with States not party.
## Victim assistance
5. States Parties would strengthen the participation of survivors in the design of the services meant for them.
# III. Closing provisions
6. The illustrative commitments above would be reviewed at the next Meeting of States Parties.
"""


def create() -> None:
    if not settings.DEBUG:
        return
    user = User.objects.filter(email=DEMO_EMAIL).first()
    mexico = Delegation.objects.filter(iso3="MEX").first()
    if user and mexico and not FocalPoint.objects.active().filter(user=user).exists():
        FocalPoint.objects.create(user=user, delegation=mexico)

    draft, _ = Draft.objects.get_or_create(
        slug="demonstration-draft",
        defaults={
            "code": "DEMO",
            "title": "Demonstration draft (not a Convention document)",
            "description": "A short text written for the demonstration of the portal.",
            "is_demo": True,
            "meeting": Meeting.objects.filter(code="3RC").first(),
        },
    )
    version = draft.versions.order_by("-number").first()
    if version is None:
        version = services.create_version(
            draft=draft, label="Demonstration version", paragraphs=parse_structured_text(DEMO_TEXT), by=None
        )
    now = timezone.now()
    window, _ = SubmissionWindow.objects.get_or_create(
        version=version,
        defaults={"opens_at": now - timedelta(days=1), "original_deadline": now + timedelta(days=60)},
    )
    if window.deadline is None or window.deadline < now + timedelta(days=7):
        WindowExtension.objects.create(
            window=window,
            new_deadline=now + timedelta(days=60),
            decided_by="Demonstration",
            reason="Kept open so that the demonstration works.",
        )
    _demo_submissions(version)


# (ISO code, e-mail of a focal point who cannot sign in, consent to publish,
#  [(paragraph, kind, comment, proposed text)])
DEMO_SUBMISSIONS = [
    (
        "CHL",
        "demo-chile@example.org",
        True,
        [
            (
                "3",
                "amendment",
                "Clearer.",
                "States Parties would continue to encourage States not party to join the Convention without delay.",
            ),
            ("5", "comment", "Chile supports this commitment.", ""),
        ],
    ),
    (
        "NOR",
        "demo-norway@example.org",
        False,
        [
            (
                "5",
                "amendment",
                "",
                "States Parties would strengthen the full and meaningful participation of survivors in the design of the services meant for them.",
            ),
            ("4", "deletion", "Reporting is covered elsewhere.", ""),
            ("", "comment", "Norway thanks the Presidency for the text.", ""),
        ],
    ),
]


def _demo_submissions(version: DraftVersion) -> None:
    """Submitted demo submissions on ``version``, once."""
    for iso3, email, consent, comments in DEMO_SUBMISSIONS:
        delegation = Delegation.objects.filter(iso3=iso3).first()
        if delegation is None or Submission.objects.filter(version=version, delegation=delegation).exists():
            continue
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None
        )
        if not FocalPoint.objects.active().filter(user=user).exists():
            FocalPoint.objects.create(user=user, delegation=delegation)
        submission = services.start_submission(version=version, delegation=delegation, by=user)
        for number, kind, text, proposed in comments:
            services.save_comment(
                submission=submission,
                by=user,
                paragraph=version.paragraphs.get(number=number) if number else None,
                kind=kind,
                text=text,
                proposed_text=proposed,
            )
        services.set_consent(submission, consent=consent, by=user)
        services.submit(submission, by=user)
