"""Background work of the core app: rendering documents' language versions to PDF."""

import logging

from celery import shared_task
from django.db import DatabaseError

logger = logging.getLogger(__name__)

# Worth another try: the database or the file storage was briefly unavailable.
TRANSIENT_ERRORS = (DatabaseError, OSError)
MAX_RETRIES = 3


@shared_task(bind=True, name="meetings.render_rendition", max_retries=MAX_RETRIES)
def render_rendition(self, rendition_id: int, generation: int) -> str:
    """Render one language version for one render request (see
    document_services.render_rendition): "ready", "skipped" (gone, stale or already done) or
    "failed". Transient errors are retried with exponential backoff; the last failure, and
    any other error at once, is recorded on the version with its message."""
    from .document_services import record_render_failure
    from .document_services import render_rendition as render

    try:
        return render(rendition_id=rendition_id, generation=generation)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries < MAX_RETRIES:
            logger.warning("Render of version %s failed, retrying: %s", rendition_id, exc)
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
        error = exc
    except Exception as exc:  # a template, markup or font problem: retrying would not help
        error = exc
    logger.exception("Render of version %s failed", rendition_id, exc_info=error)
    record_render_failure(
        rendition_id=rendition_id, generation=generation, error=f"{type(error).__name__}: {error}"
    )
    return "failed"
