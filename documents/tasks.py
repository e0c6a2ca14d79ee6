"""Background work of the document register: thin tasks that take ids and call
documents.rendering. Queued through the outbox (documents.services.request_render)."""

import logging

from celery import shared_task

from . import rendering

logger = logging.getLogger(__name__)

MAX_RETRIES = 3  # transient errors: retried after 5, 10 and 20 seconds
BUSY_RETRIES = 20  # another run holds the claim: asked again until its lease runs out
# Both kinds of retry share Celery's count (request.retries); a request still busy after them
# stays pending in the outbox, whose sweep hands it over again.


@shared_task(bind=True, name=rendering.RENDER_TASK, max_retries=MAX_RETRIES, ignore_result=True)
def render_pdf_task(self, rendition_id: int, generation: int) -> str:
    """Render one language version for one render request: "ready", "skipped" (gone, stale or
    already done), "busy" (rendered elsewhere now) or "failed" (recorded on the version).
    Transient errors are retried with exponential backoff; the last try records them."""
    try:
        outcome = rendering.render_rendition(
            rendition_id=rendition_id, generation=generation, last_attempt=self.request.retries >= MAX_RETRIES
        )
    except rendering.TRANSIENT_ERRORS as exc:
        logger.warning("Render of version %s failed, retrying: %s", rendition_id, exc)
        raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
    if outcome == rendering.Outcome.BUSY and self.request.retries < MAX_RETRIES + BUSY_RETRIES:
        countdown = min(rendering.render_lease().total_seconds(), 60)
        raise self.retry(countdown=countdown, max_retries=MAX_RETRIES + BUSY_RETRIES)
    return outcome
