"""Background work of the submissions app: thin tasks that take ids and call one workflow.

Each is queued through the outbox by its name (``ccm_portal.lib.outbox.enqueue``), never
directly, and the workflows it calls never import this module. Errors that may pass (the
database or the disk, SMTP) are retried with backoff; the workflows record everything else on
their own rows.
"""

from celery import shared_task

from .services.compilations import TRANSIENT_ERRORS, render_compilation
from .services.dispositions import render_disposition_table
from .services.focal_points import mail_role_change
from .services.submitting import mail_receipt

RETRY = {"autoretry_for": TRANSIENT_ERRORS, "retry_backoff": True, "retry_backoff_max": 600, "max_retries": 5}


@shared_task(bind=True, name="submissions.render_compilation", **RETRY)
def compilation_task(self, compilation_id: int, generation: int | None = None) -> str | None:
    """Render one generation of a compilation; returns its state (None if the row has gone).
    On its last retry a transient error is recorded on the row like any other."""
    compilation = render_compilation(
        compilation_id=compilation_id,
        generation=generation,
        last_attempt=self.request.retries >= self.max_retries,
    )
    return compilation.state if compilation else None


@shared_task(name="submissions.send_submission_receipt", **RETRY)
def send_submission_receipt(revision_id: int) -> int:
    """Mail a revision's receipt once; returns the number of messages sent."""
    return mail_receipt(revision_id=revision_id)


@shared_task(name="submissions.send_focal_point_mail", **RETRY)
def send_focal_point_mail(
    focal_point_id: int, event: str, base_url: str, occurrence: int | None = None
) -> int:
    """Tell a person they were appointed or revoked as a focal point; returns the messages sent."""
    return mail_role_change(
        focal_point_id=focal_point_id, event=event, base_url=base_url, occurrence=occurrence
    )


@shared_task(bind=True, name="submissions.render_disposition_table", **RETRY)
def disposition_table_task(self, table_id: int, generation: int | None = None) -> str | None:
    """Render one generation of a disposition table; returns its state (None if it has gone)."""
    table = render_disposition_table(
        table_id=table_id,
        generation=generation,
        last_attempt=self.request.retries >= self.max_retries,
    )
    return table.state if table else None
