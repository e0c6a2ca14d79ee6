"""Deterministic benchmark data, one generator per domain.

``generate(seed=..., scale=...)`` runs every generator in ``GENERATORS`` in order. Each one:

- gets its own ``random.Random`` seeded with the seed and its domain name, so adding a domain
  (or changing one) never changes the rows of the others;
- first removes the rows a previous run generated (they are recognised by the ``bench-``
  prefix of their slug or other natural key), then creates its rows with ``bulk_create``
  (no history rows: the benchmark data is not staff's work);
- never reads today's date: every date derives from ``BASE_DATE``;
- checks that the models it fills exist on this build (``apps.get_model``) and, when they do
  not, skips with a note rather than inventing them.

The generators live in a module per domain (``meetings_data``, ``documents_data``,
``submissions_data``), with what they share in ``common`` and the vocabulary in ``words``.
To add a domain once its models land: write ``generate_<domain>(*, rng, scale, note)``
returning ``{label: rows created}`` in a new module here, add it to ``GENERATORS`` and its
tables to ``VACUUMED``.
"""

import random
from collections.abc import Callable

from django.db import connection, transaction

from .common import PREFIX, Report
from .documents_data import generate_documents
from .meetings_data import generate_meetings
from .submissions_data import generate_submissions

__all__ = ["GENERATORS", "PREFIX", "VACUUMED", "Report", "generate"]

GENERATORS: list[tuple[str, Callable[..., dict[str, int]]]] = [
    ("meetings", generate_meetings),
    ("documents", generate_documents),
    ("submissions", generate_submissions),
]


VACUUMED = [
    "meetings_meeting",
    "meetings_agendaitem",
    "meetings_participation",
    "meetings_document",
    "meetings_document_submitting_delegations",
    "meetings_rendition",
    "meetings_citation",
    "submissions_submission",
    "submissions_comment",
    "submissions_submissionrevision",
]


def generate(*, seed: int, scale: float = 1.0, log: Callable[[str], None] = print) -> Report:
    """Run every generator in one transaction; the same seed and scale give the same rows."""
    report = Report()

    def note(text: str) -> None:
        report.notes.append(text)
        log(text)

    with transaction.atomic():
        for domain, generator in GENERATORS:
            rng = random.Random(f"{seed}:{domain}")
            created = generator(rng=rng, scale=scale, note=note)
            for label, count in created.items():
                report.created[label] = count
                log(f"{label}: {count}")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh planner statistics and no dead rows of the previous run (outside the transaction).
        with connection.cursor() as cursor:
            for table in VACUUMED:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
    # bulk_create sends no signal: the stored public pages go with the old rows.
    from ccm_portal.lib.cache import bump_content_version

    bump_content_version()
    return report
