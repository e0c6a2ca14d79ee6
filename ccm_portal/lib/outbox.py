"""The transactional outbox: follow-up tasks that survive a broker that is down.

``enqueue`` writes an OutboxMessage in the caller's transaction and, once it commits, hands the
task to the broker (``dispatch``). If the broker is unreachable the message simply stays
pending: the work itself is saved and the person is answered. The periodic ``sweep``
(Celery beat, ``CELERY_BEAT_SCHEDULE``) hands over every pending message that was never taken,
or whose task has not marked it done within ``LEASE`` (a lost message, a killed worker).

Never lost: a message leaves "pending" only when its task calls ``mark_done`` (or
``mark_failed``, for an error that retrying cannot mend: staff see it, with the error, in the
admin). Never twice: a hand-over is claimed with a conditional update (one dispatcher wins per
lease), and each task is idempotent on its own records (the receipt task mails a revision once).
Work that has no record of its own but the message (an invitation mail) is done inside
``claim``, which holds the message's row while the work runs and marks it done in the same
transaction.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ccm_portal.models import OutboxMessage

logger = logging.getLogger(__name__)

# How long a hand-over is trusted before the sweep hands the message over again. Longer than a
# task's hard time limit (CELERY_TASK_TIME_LIMIT) plus its retries' first backoffs.
LEASE = timedelta(minutes=10)
SWEEP_BATCH = 200


def enqueue(*, key: str, task_name: str, args: list | None = None) -> OutboxMessage:
    """Record that ``task_name(*args)`` must run once for ``key``. Writes: an OutboxMessage (none
    if one exists for ``key``). Queues (after commit): the task, through ``dispatch``."""
    message, created = OutboxMessage.objects.get_or_create(
        key=key, defaults={"task_name": task_name, "args": list(args or [])}
    )
    if created:
        transaction.on_commit(lambda: dispatch(message.pk))
    return message


def _pending_to_hand_over(now: datetime):
    return OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).filter(
        Q(queued_at__isnull=True) | Q(queued_at__lt=now - LEASE)
    )


def _task(app, name: str):
    if name not in app.tasks:  # the tasks modules are imported on first need in a web process
        app.loader.import_default_modules()
    return app.tasks[name]


def dispatch(message_id: int, *, now: datetime | None = None) -> bool:
    """Hand one pending message to the broker unless it was handed over within the lease.
    Returns True if this call handed it over. Never raises: a broker that is down leaves the
    message pending, with the error, for the next sweep. Writes: queued_at, attempts, last_error."""
    from ccm_portal.celery import app

    now = now or timezone.now()
    claimed = (
        _pending_to_hand_over(now).filter(pk=message_id).update(queued_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        # Publishing fails fast when the broker is down (no retry loop inside a web request);
        # nothing waits for a result, so the result backend is not touched.
        _task(app, message.task_name).apply_async(args=message.args, retry=False, ignore_result=True)
    except Exception as error:  # the broker (or, in-process, the task) failed: keep it pending
        logger.warning("Outbox message %s not handed over: %s", message.key, error)
        OutboxMessage.objects.filter(pk=message_id, state=OutboxMessage.State.PENDING).update(
            queued_at=None, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return False
    return True


def mark_done(key: str, *, at: datetime | None = None) -> bool:
    """Called by a task when its work is done (or found already done). Writes: state, done_at."""
    return bool(
        OutboxMessage.objects.filter(key=key, state=OutboxMessage.State.PENDING).update(
            state=OutboxMessage.State.DONE, done_at=at or timezone.now(), last_error=""
        )
    )


def mark_failed(key: str, *, error: BaseException | str, at: datetime | None = None) -> bool:
    """Called by a task whose failure is permanent (or whose retries are spent): the message is
    no longer handed over, and staff see the error in the admin. Writes: state, done_at,
    last_error."""
    if isinstance(error, BaseException):
        error = f"{type(error).__name__}: {error}"
    return bool(
        OutboxMessage.objects.filter(key=key, state=OutboxMessage.State.PENDING).update(
            state=OutboxMessage.State.FAILED, done_at=at or timezone.now(), last_error=str(error)[:2000]
        )
    )


@contextmanager
def claim(key: str) -> Iterator[bool]:
    """For work whose only record is its outbox message: yields True to the one caller that
    holds the still-pending message (its row is locked, in a transaction, until the block ends)
    and marks it done when the block ends without an exception; yields False when the message
    is done, failed, unknown or held by another worker right now. An exception rolls back, and
    leaves the message pending for a retry or the next sweep. Writes: state, done_at."""
    with transaction.atomic():
        held = bool(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(key=key, state=OutboxMessage.State.PENDING)
            .values_list("pk", flat=True)[:1]
        )
        yield held
        if held:
            mark_done(key)


def sweep(*, now: datetime | None = None, batch: int = SWEEP_BATCH) -> int:
    """Hand over every pending message that is due (oldest first, at most ``batch``); returns
    how many were handed over. Stops at the first failure: the broker is still down."""
    now = now or timezone.now()
    handed = 0
    for message_id in _pending_to_hand_over(now).order_by("created_at").values_list("pk", flat=True)[:batch]:
        if dispatch(message_id, now=now):
            handed += 1
        elif OutboxMessage.objects.filter(pk=message_id, queued_at__isnull=True).exists():
            break  # not taken: the broker is still unreachable, try again at the next sweep
    return handed
