"""Background work of the registration app: thin tasks that take ids and call one workflow.
The erasure is queued through the outbox (``services.queue_erasures``, run daily by beat); the
workflows never import this module."""

from celery import shared_task
from django.db import DatabaseError

from . import services

RETRY = {
    "autoretry_for": (DatabaseError, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
}


@shared_task(name="registration.queue_erasures", **RETRY)
def queue_erasures() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): queue the erasure of every period past its retention, and
    delete the security log's entries older than SECURITY_LOG_RETENTION_DAYS."""
    services.prune_security_log()
    return services.queue_erasures()


@shared_task(name=services.ERASURE_TASK, **RETRY)
def erase_personal_data(period_id: int) -> int:
    """Erase one period's personal data once; returns the number of members erased."""
    return services.run_erasure(period_id=period_id)
