"""Drafts, submissions, comments and submitted revisions (issue 6)."""

import random
import uuid
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.apps import apps

from .common import BASE_DATE, BATCH, COMMENTS, PREFIX, SUBMISSIONS, get_model, scaled
from .words import SUBJECTS, paragraph

# --- submissions (issue 6) ------------------------------------------------------------------


DRAFTS = 10  # each with one version open for comment
PARAGRAPHS_PER_VERSION = 40
COMMENT_KINDS = [("comment", 55), ("amendment", 30), ("deletion", 5), ("addition", 10)]
BENCH_EMAIL = "bench-focal-point@example.invalid"


def generate_submissions(*, rng: random.Random, scale: float, note: Callable[[str], None]) -> dict[str, int]:
    """2,000 submitted submissions (x scale) by delegations on the versions of 10 generated
    drafts (40 paragraphs each, a submission window), with 10,000 general and paragraph
    comments among them (some proposing amendments, deletions or additions), each submission
    with its submitted revision (receipt number and frozen copy, made by the submissions
    services' own functions) so that the compilation and the admin change lists meet real
    volumes. Drafts' slugs start with ``bench-`` and their codes with ``BENCH``."""
    if not apps.is_installed("submissions") or get_model("submissions", "Submission") is None:
        note(
            f"submissions: skipped, submissions.Submission is not on this build "
            f"({scaled(SUBMISSIONS, scale)} submissions and {scaled(COMMENTS, scale)} comments wanted)"
        )
        return {}
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from submissions import models as m
    from submissions.services import receipt_number, snapshot

    Delegation = get_model("meetings", "Delegation")
    delegations = list(Delegation.objects.order_by("slug"))
    if not delegations:
        note("submissions: skipped, no delegations: run `python manage.py load_ccm_data` first")
        return {}

    drafts = m.Draft.objects.filter(slug__startswith=PREFIX)
    versions = m.DraftVersion.objects.filter(draft__in=drafts)
    submissions = m.Submission.objects.filter(version__in=versions)
    db = m.Submission.objects.db
    for queryset in (
        m.SubmissionRevision.objects.filter(submission__in=submissions),
        m.Comment.objects.filter(submission__in=submissions),
        m.Attachment.objects.filter(submission__in=submissions),
    ):
        queryset._raw_delete(db)
    submissions._raw_delete(db)
    m.Compilation.objects.filter(version__in=versions)._raw_delete(db)
    m.WindowExtension.objects.filter(window__version__in=versions)._raw_delete(db)
    m.SubmissionWindow.objects.filter(version__in=versions)._raw_delete(db)
    m.VersionParagraph.objects.filter(version__in=versions)._raw_delete(db)
    m.Paragraph.objects.filter(draft__in=drafts)._raw_delete(db)
    versions._raw_delete(db)
    drafts._raw_delete(db)

    user, _ = get_user_model().objects.get_or_create(email=BENCH_EMAIL, defaults={"full_name": "Bench"})
    tz = timezone.get_default_timezone()
    draft_rows = []
    for n in range(1, DRAFTS + 1):
        subject = SUBJECTS[(n - 1) % len(SUBJECTS)]
        draft_rows.append(
            m.Draft(
                title=f"Draft decision on {subject} (bench {n})",
                slug=f"{PREFIX}draft-{n:02d}",
                code=f"BENCH{n:02d}",
                description=paragraph(rng, (1, 2)),
            )
        )
    m.Draft.objects.bulk_create(draft_rows)
    draft_rows = list(drafts.order_by("slug"))
    version_rows = [
        m.DraftVersion(
            draft=draft,
            number=1,
            label="Zero draft",
            circulated_on=BASE_DATE + timedelta(days=400 * i),
            created_at=datetime.combine(BASE_DATE + timedelta(days=400 * i), time(9), tzinfo=tz),
        )
        for i, draft in enumerate(draft_rows)
    ]
    m.DraftVersion.objects.bulk_create(version_rows)
    version_rows = list(versions.select_related("draft").order_by("draft__slug"))
    identities = [m.Paragraph(draft=v.draft) for v in version_rows for _ in range(PARAGRAPHS_PER_VERSION)]
    for identity in identities:  # deterministic keys (the default is a random UUID)
        identity.key = uuid.UUID(int=rng.getrandbits(128))
    m.Paragraph.objects.bulk_create(identities, batch_size=BATCH)
    paragraphs = []
    for i, version in enumerate(version_rows):
        for position in range(PARAGRAPHS_PER_VERSION):
            paragraphs.append(
                m.VersionParagraph(
                    version=version,
                    paragraph=identities[i * PARAGRAPHS_PER_VERSION + position],
                    position=position + 1,
                    number=str(position + 1),
                    part=f"Part {1 + position // 10}",
                    heading=SUBJECTS[position % len(SUBJECTS)].capitalize() if position % 10 == 0 else "",
                    text=paragraph(rng, (2, 4)),
                )
            )
    m.VersionParagraph.objects.bulk_create(paragraphs, batch_size=BATCH)
    paragraphs_by_version: dict[int, list] = {}
    for p in m.VersionParagraph.objects.filter(version__in=version_rows).order_by("version_id", "position"):
        paragraphs_by_version.setdefault(p.version_id, []).append(p)
    m.SubmissionWindow.objects.bulk_create(
        [
            m.SubmissionWindow(
                version=v,
                opens_at=v.created_at,
                original_deadline=v.created_at + timedelta(days=45),
            )
            for v in version_rows
        ]
    )

    wanted = scaled(SUBMISSIONS, scale)
    per_version = max(1, min(len(delegations), -(-wanted // len(version_rows))))
    submission_rows = []
    for version in version_rows:
        for delegation in rng.sample(delegations, per_version):
            if len(submission_rows) >= wanted:
                break
            at = version.created_at + timedelta(days=rng.randint(1, 44), minutes=rng.randint(0, 600))
            submission_rows.append(
                m.Submission(
                    version=version,
                    delegation=delegation,
                    state="submitted",
                    consent_to_publish=rng.random() < 0.6,
                    created_at=at - timedelta(days=1),
                    created_by=user,
                    updated_at=at,
                )
            )
    m.Submission.objects.bulk_create(submission_rows, batch_size=BATCH)
    submission_rows = list(submissions.select_related("delegation", "version__draft").order_by("pk"))

    kinds = [k for k, _ in COMMENT_KINDS]
    weights = [w for _, w in COMMENT_KINDS]
    comments = []
    for _ in range(scaled(COMMENTS, scale)):
        submission = rng.choice(submission_rows)
        general = rng.random() < 0.2
        target = None if general else rng.choice(paragraphs_by_version[submission.version_id])
        kind = "comment" if general else rng.choices(kinds, weights)[0]
        proposed = ""
        if kind == "amendment":
            words = target.text.split()
            words[rng.randrange(len(words))] = rng.choice(SUBJECTS)
            proposed = " ".join(words)
        elif kind == "addition":
            proposed = paragraph(rng, (1, 2))
        comments.append(
            m.Comment(
                submission=submission,
                paragraph=target,
                kind=kind,
                text=paragraph(rng, (1, 3)),
                proposed_text=proposed,
                created_at=submission.updated_at - timedelta(hours=1),
                updated_at=submission.updated_at - timedelta(hours=1),
            )
        )
    m.Comment.objects.bulk_create(comments, batch_size=BATCH)

    revisions = [
        m.SubmissionRevision(
            submission=submission,
            number=1,
            receipt_number=receipt_number(submission, 1),
            submitted_at=submission.updated_at,
            submitted_by=user,
            snapshot=snapshot(submission, by=user),  # the submissions app's own frozen copy
        )
        for submission in submission_rows
    ]
    m.SubmissionRevision.objects.bulk_create(revisions, batch_size=BATCH)
    return {"drafts": len(draft_rows), "submissions": len(submission_rows), "comments": len(comments)}
