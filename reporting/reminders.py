"""Article 7 reminders, run by Celery beat (CELERY_BEAT_SCHEDULE) through the outbox.

- In February (``REPORTING_REMINDER_CRONTAB``), ``queue_annual_reminders`` queues one message
  per State Party that owes the annual report covering the last calendar year, has not sent it
  and has a focal point; ``mail_annual_reminder`` tells each of its focal points, in their
  language, that the report is due on 30 April.
- Weekly (``REPORTING_OVERDUE_LIST_CRONTAB``), ``queue_overdue_list`` queues the week's list and
  ``mail_overdue_list`` mails the ISU (the active staff accounts) the reports that became overdue since the last list.

Mailed once per State, year and kind: the Reminder row is inserted before the mail is sent, in
the same transaction, and its unique constraint makes a second run (a retry, the sweep, another
worker at the same moment) fail to insert it and send nothing. A mail that fails rolls the row
back, and the outbox message stays pending for a retry or the next sweep. The workflows never
import reporting.tasks.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from ccm_portal.lib import outbox
from ccm_portal.lib.emails import send_templated_mail
from meetings.models import Delegation
from meetings.treaty import TreatyStatus
from submissions.models import FocalPoint

from . import deadlines
from .models import Article7Report, Reminder
from .status import reporting_on

REMINDER_TASK = "reporting.send_annual_reminder"
OVERDUE_LIST_TASK = "reporting.send_overdue_list"


def reminder_key(state_id: int, year: int) -> str:
    return f"reporting.reminder:{state_id}:{year}"


def overdue_list_key(day: date) -> str:
    return f"reporting.overdue-list:{day.isoformat()}"


def _site_link(path_name: str, language: str, *args) -> str:
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse(path_name, args=args)


def owes_reminder(state: Delegation, year: int, day: date) -> bool:
    """Whether ``state`` is to be reminded on ``day`` of its annual report covering ``year``:
    a State Party that owes it, before its due date, with nothing received yet."""
    eif = state.entry_into_force
    return (
        eif is not None
        and day <= deadlines.annual_report_due(year)
        and state.status_on(day) == TreatyStatus.STATE_PARTY
        and deadlines.owes_annual_report(
            year, entry_into_force=eif, withdrawal_effective=state.withdrawal_effective_date
        )
        and not Article7Report.objects.filter(
            state=state, kind=Article7Report.Kind.ANNUAL, year=year
        ).exists()
    )


def queue_annual_reminders(*, today: date | None = None) -> int:
    """Queue the reminder of the annual report covering the last calendar year for every State
    Party that owes it, has not sent it, has an active focal point and was not reminded yet.
    Returns the number queued. Writes: one OutboxMessage per State (never twice: the key is the
    State's and year's). Queues (after commit): ``reporting.send_annual_reminder``."""
    today = today or timezone.localdate()
    year = today.year - 1
    reminded = set(
        Reminder.objects.filter(year=year, kind=Reminder.Kind.DUE).values_list("state_id", flat=True)
    )
    with_focal_points = set(FocalPoint.objects.active().values_list("delegation_id", flat=True))
    states = [
        state
        for state in Delegation.objects.states().filter(pk__in=with_focal_points - reminded).order_by("name")
        if owes_reminder(state, year, today)
    ]
    with transaction.atomic():
        for state in states:
            outbox.enqueue(
                key=reminder_key(state.pk, year),
                task_name=REMINDER_TASK,
                args=[state.pk, year, today.isoformat()],
            )
    return len(states)


def mail_annual_reminder(*, state_id: int, year: int, day: str) -> int:
    """Mail each active focal point of the State, in their language, that the annual report
    covering ``year`` is due on 30 April (as things stand on ``day``, the ISO date it was
    queued); returns the number of messages sent (0 when it was mailed before, is being mailed
    by another worker, or is no longer owed). Writes: a Reminder (kind "due"), the outbox
    message's state."""
    today = date.fromisoformat(day)
    key = reminder_key(state_id, year)
    state = Delegation.objects.filter(pk=state_id).first()
    people = list(
        FocalPoint.objects.active()
        .filter(delegation_id=state_id)
        .order_by("user__email")
        .values_list("user__email", "user__language")
    )
    if state is None or not people or not owes_reminder(state, year, today):
        outbox.mark_done(key)
        return 0
    due = deadlines.annual_report_due(year)
    try:
        with transaction.atomic():
            Reminder.objects.create(
                state=state, year=year, kind=Reminder.Kind.DUE, recipients=", ".join(e for e, _ in people)
            )
            for email, language in people:
                with translation.override(language):
                    send_templated_mail(
                        template="emails/article7_report_due",
                        to=[email],
                        context={
                            "state": state,
                            "year": year,
                            "due": due,
                            "link": _site_link(
                                "meetings:delegation-detail", language, state.iso3 or state.slug
                            )
                            + "#reporting",
                            "site_name": settings.SITE_NAME,
                        },
                        language=language,
                    )
    except IntegrityError:  # mailed before, or by another worker right now
        outbox.mark_done(key)
        return 0
    outbox.mark_done(key)
    return len(people)


@dataclass
class NewlyOverdue:
    state: Delegation
    kind: str  # Reminder.Kind.OVERDUE or INITIAL_OVERDUE
    year: int
    due: date


def overdue_on(day: date) -> list[NewlyOverdue]:
    """Every report overdue on ``day`` (initial and annual), by State, latest year first."""
    status = reporting_on(day)
    rows = [
        NewlyOverdue(row.state, Reminder.Kind.INITIAL_OVERDUE, row.due.year, row.due)
        for row in status.overdue_initial
    ]
    for row in status.overdue_annual:
        rows.extend(
            NewlyOverdue(row.state, Reminder.Kind.OVERDUE, year, deadlines.annual_report_due(year))
            for year in row.years
        )
    rows.sort(key=lambda row: (row.state.name, row.kind != Reminder.Kind.INITIAL_OVERDUE, -row.year))
    return rows


def queue_overdue_list(*, today: date | None = None) -> str:
    """Queue the week's list of reports newly overdue (one message per day run). Returns its
    key. Queues (after commit): ``reporting.send_overdue_list``."""
    today = today or timezone.localdate()
    with transaction.atomic():
        outbox.enqueue(key=overdue_list_key(today), task_name=OVERDUE_LIST_TASK, args=[today.isoformat()])
    return overdue_list_key(today)


def _isu_staff() -> list[tuple[str, str]]:
    return list(
        User.objects.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", "language")
    )


def mail_overdue_list(*, day: str) -> int:
    """Mail the ISU staff the reports overdue on ``day`` (an ISO date) that no earlier list
    named, one message per language; returns the number of reports listed (0: nothing new, no
    ISU staff, or listed by another worker right now). Writes: one Reminder per report listed,
    the outbox message's state."""
    key = overdue_list_key(date.fromisoformat(day))
    people = _isu_staff()
    if not people:
        outbox.mark_done(key)
        return 0
    recipients = ", ".join(email for email, _language in people)
    with transaction.atomic():
        listed = []
        for row in overdue_on(date.fromisoformat(day)):
            try:
                with transaction.atomic():  # the constraint decides: listed before, or now
                    Reminder.objects.create(
                        state=row.state, year=row.year, kind=row.kind, recipients=recipients
                    )
            except IntegrityError:
                continue
            listed.append(row)
        if listed:
            by_language: dict[str, list[str]] = {}
            for email, language in people:
                by_language.setdefault(language, []).append(email)
            for language, emails in sorted(by_language.items()):
                send_templated_mail(
                    template="emails/article7_overdue_list",
                    to=emails,
                    context={
                        "rows": listed,
                        "day": date.fromisoformat(day),
                        "link": _site_link("reporting:overview", language),
                        "mandate_link": _site_link("reporting:mandate", language),
                        "site_name": settings.SITE_NAME,
                    },
                    language=language,
                )
        outbox.mark_done(key)
    return len(listed)
