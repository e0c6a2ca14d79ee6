"""Background work of the reporting app: thin tasks that call one workflow (reporting/reminders.py).
The two queueing tasks are run by Celery beat (CELERY_BEAT_SCHEDULE); the mailing tasks are
queued through the outbox by their names, never directly."""

from celery import shared_task
from django.db import DatabaseError

from . import reminders

RETRY = {
    "autoretry_for": (DatabaseError, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
}


@shared_task(name="reporting.queue_annual_reminders", **RETRY)
def queue_annual_reminders() -> int:
    """In February (beat): queue the reminder of the annual report due on 30 April."""
    return reminders.queue_annual_reminders()


@shared_task(name=reminders.REMINDER_TASK, **RETRY)
def send_annual_reminder(state_id: int, year: int, day: str) -> int:
    """Mail one State's focal points that its annual report is due; returns the messages sent."""
    return reminders.mail_annual_reminder(state_id=state_id, year=year, day=day)


@shared_task(name="reporting.queue_overdue_list", **RETRY)
def queue_overdue_list() -> str:
    """Weekly (beat): queue the ISU's list of reports newly overdue."""
    return reminders.queue_overdue_list()


@shared_task(name=reminders.OVERDUE_LIST_TASK, **RETRY)
def send_overdue_list(day: str) -> int:
    """Mail the ISU the reports newly overdue on ``day``; returns the number listed."""
    return reminders.mail_overdue_list(day=day)
