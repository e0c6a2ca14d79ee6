"""Article 7 reminders (reporting/reminders.py) with tasks run in-process, through the outbox:
focal points told in February, once per State and year, in their language; the ISU's weekly list
names exactly the reports newly overdue; a broker that is down loses nothing."""

from contextlib import contextmanager
from datetime import date

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction

from accounts.models import User
from ccm_portal.celery import app as celery_app
from ccm_portal.models import OutboxMessage
from ccm_portal.tasks import outbox_sweep
from reporting import reminders, tasks
from reporting.models import Reminder
from tests.reporting.conftest import annual, initial, party
from tests.robustness.test_races import _race
from tests.submissions.conftest import make_focal_point

pytestmark = pytest.mark.django_db

FEBRUARY = date(2026, 2, 2)
NOWHERE = "redis://127.0.0.1:9/11"  # nothing listens on port 9


def focal_point(email: str, state, language: str) -> User:
    user = make_focal_point(email, state)
    User.objects.filter(pk=user.pk).update(language=language)
    return user


@pytest.fixture
def states(db):
    """Three States Parties owing the report on 2025, each with a focal point in another
    language; Norway has reported already; Ghana has no focal point."""
    senegal = party("Senegal", "SEN", date(2011, 8, 1))
    chile = party("Chile", "CHL", date(2010, 8, 1))
    ireland = party("Ireland", "IRL", date(2010, 8, 1))
    norway = party("Norway", "NOR", date(2010, 8, 1))
    ghana = party("Ghana", "GHA", date(2011, 8, 1))
    focal_point("fp@senegal.example", senegal, "fr")
    focal_point("fp@chile.example", chile, "es")
    focal_point("one@ireland.example", ireland, "en")
    focal_point("two@ireland.example", ireland, "fr")
    focal_point("fp@norway.example", norway, "en")
    annual(norway, 2025, received_on=date(2026, 1, 20))
    return {"senegal": senegal, "chile": chile, "ireland": ireland, "norway": norway, "ghana": ghana}


def _run_february(capture, day=FEBRUARY) -> int:
    with capture(execute=True):
        return reminders.queue_annual_reminders(today=day)


def test_february_run_mails_each_focal_point_once_in_their_language(
    states, django_capture_on_commit_callbacks
):
    assert _run_february(django_capture_on_commit_callbacks) == 3  # Chile, Ireland, Senegal
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == [
        "fp@chile.example",
        "fp@senegal.example",
        "one@ireland.example",
        "two@ireland.example",
    ]
    senegal = by_address["fp@senegal.example"]
    assert "Rapport au titre de l'article 7 pour 2025" in senegal.subject
    assert "30 avril 2026" in senegal.subject
    assert "point focal" in senegal.body and "/fr/" in senegal.body
    chile = by_address["fp@chile.example"]
    assert "Informe en virtud del artículo 7 correspondiente a 2025" in chile.subject
    assert "30 de abril de 2026" in chile.body and "punto focal" in chile.body
    english = by_address["one@ireland.example"]
    assert english.subject.endswith("Article 7 report for 2025 due on 30 April 2026")
    assert "Ireland covering 2025 is due on 30 April 2026" in english.body
    assert "point focal" in by_address["two@ireland.example"].body  # the other one, in French
    reminded = Reminder.objects.filter(kind=Reminder.Kind.DUE, year=2025)
    assert sorted(reminded.values_list("state__name", flat=True)) == ["Chile", "Ireland", "Senegal"]
    assert reminded.get(state=states["ireland"]).recipients == "one@ireland.example, two@ireland.example"
    messages = OutboxMessage.objects.order_by("key")
    assert {m.task_name for m in messages} == {"reporting.send_annual_reminder"}
    assert all(m.state == OutboxMessage.State.DONE for m in messages) and messages.count() == 3


def test_a_second_run_and_a_retried_task_mail_nothing(states, django_capture_on_commit_callbacks):
    _run_february(django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    assert _run_february(django_capture_on_commit_callbacks, date(2026, 2, 9)) == 0
    # The task itself run again (a retry, the sweep after a lost acknowledgement): nothing.
    chile = states["chile"]
    assert tasks.send_annual_reminder.delay(chile.pk, 2025, FEBRUARY.isoformat()).get() == 0
    assert len(mail.outbox) == sent
    assert Reminder.objects.filter(state=chile).count() == 1


def test_the_constraint_refuses_a_second_reminder_for_a_state_and_year(states):
    Reminder.objects.create(state=states["chile"], year=2025, kind=Reminder.Kind.DUE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(state=states["chile"], year=2025, kind=Reminder.Kind.DUE)
    # A worker that loses the race finds the row and sends nothing.
    assert reminders.mail_annual_reminder(state_id=states["chile"].pk, year=2025, day="2026-02-02") == 0
    assert mail.outbox == []


def test_a_state_that_already_reported_gets_no_reminder(states, django_capture_on_commit_callbacks):
    annual(states["chile"], 2025, received_on=date(2026, 2, 1))
    _run_february(django_capture_on_commit_callbacks)
    addresses = {message.to[0] for message in mail.outbox}
    assert "fp@chile.example" not in addresses and "fp@norway.example" not in addresses
    assert not Reminder.objects.filter(state__in=[states["chile"], states["norway"]]).exists()
    # A report received between the queueing and the mailing stops the mail too.
    assert reminders.mail_annual_reminder(state_id=states["norway"].pk, year=2025, day="2026-02-02") == 0


def test_a_focal_point_appointed_later_in_february_is_mailed_then(states, django_capture_on_commit_callbacks):
    ghana = states["ghana"]
    _run_february(django_capture_on_commit_callbacks)
    focal_point("fp@ghana.example", ghana, "en")
    assert _run_february(django_capture_on_commit_callbacks, date(2026, 2, 10)) == 1
    assert [m.to for m in mail.outbox if "ghana" in m.to[0]] == [["fp@ghana.example"]]


@contextmanager
def broker_down():
    """The portal's broker pointed at a port where nothing listens, tasks no longer run
    in-process: publishing fails as it does when Redis is down."""
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager

    def reset():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    celery_app.conf.broker_url, celery_app.conf.task_always_eager = NOWHERE, False
    reset()
    try:
        yield
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous
        reset()


def test_reminders_queued_while_the_broker_is_down_are_mailed_once_when_it_is_back(
    states, django_capture_on_commit_callbacks
):
    with broker_down():
        assert _run_february(django_capture_on_commit_callbacks) == 3
        assert outbox_sweep() == 0  # still down: nothing handed over, nothing lost
    pending = OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING)
    assert pending.count() == 3 and all(m.last_error for m in pending)
    assert mail.outbox == [] and not Reminder.objects.exists()
    assert outbox_sweep() == 3  # the broker is back
    assert len(mail.outbox) == 4
    assert not OutboxMessage.objects.exclude(state=OutboxMessage.State.DONE).exists()
    assert outbox_sweep() == 0 and len(mail.outbox) == 4


@pytest.fixture
def isu(db):
    staff = User.objects.create_user(email="isu@isu.example", password="isu-pass-1", is_staff=True)
    User.objects.create_user(email="es@isu.example", password="isu-pass-1", is_staff=True, language="es")
    User.objects.create_user(
        email="former@isu.example", password="isu-pass-1", is_staff=True, is_active=False
    )
    return staff


def _run_weekly(capture, day: date) -> int:
    with capture(execute=True):
        key = reminders.queue_overdue_list(today=day)
    message = OutboxMessage.objects.get(key=key)
    assert message.task_name == "reporting.send_overdue_list" and message.state == OutboxMessage.State.DONE
    return Reminder.objects.exclude(kind=Reminder.Kind.DUE).count()


def _listed(message) -> list[str]:
    return sorted(line[2:] for line in message.body.splitlines() if line.startswith("- "))


def test_the_weekly_list_names_exactly_the_reports_newly_overdue(isu, django_capture_on_commit_callbacks):
    chile = party("Chile", "CHL", date(2010, 8, 1))
    norway = party("Norway", "NOR", date(2010, 8, 1))
    for year in range(2010, 2025):
        annual(chile, year)
        annual(norway, year)
    initial(chile, date(2011, 1, 10))
    initial(norway, date(2011, 1, 10))
    late = party("Palau", "PLW", date(2026, 1, 1))  # initial report due 30 June 2026
    annual(norway, 2025, received_on=date(2026, 4, 20))

    assert _run_weekly(django_capture_on_commit_callbacks, date(2026, 4, 27)) == 0  # nothing overdue yet
    assert mail.outbox == []

    _run_weekly(django_capture_on_commit_callbacks, date(2026, 5, 4))
    spanish, english = sorted(mail.outbox, key=lambda m: m.to[0])
    assert english.to == ["isu@isu.example"] and spanish.to == ["es@isu.example"]
    assert _listed(english) == ["Chile: annual report for 2025, due on 30 April 2026"]
    assert "1 Article 7 report newly overdue" in english.subject
    assert _listed(spanish) == ["Chile: informe anual correspondiente a 2025, vencido el 30 de abril de 2026"]
    mail.outbox.clear()

    _run_weekly(django_capture_on_commit_callbacks, date(2026, 5, 11))  # nothing new: no mail
    assert mail.outbox == []

    _run_weekly(django_capture_on_commit_callbacks, date(2026, 7, 6))
    [english] = [m for m in mail.outbox if m.to == ["isu@isu.example"]]
    assert _listed(english) == ["Palau: initial report, due on 30 June 2026"]
    assert sorted(
        Reminder.objects.exclude(kind=Reminder.Kind.DUE).values_list("state", "kind", "year")
    ) == sorted([(chile.pk, "overdue", 2025), (late.pk, "initial-overdue", 2026)])
    # The same list run again (a retried task) names nothing and mails nothing.
    mail.outbox.clear()
    assert tasks.send_overdue_list.delay("2026-07-06").get() == 0
    assert mail.outbox == []


def test_the_beat_schedule_runs_the_reminders_in_february_and_the_list_weekly(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    february = schedule["reporting-annual-reminders"]
    assert february["task"] == "reporting.queue_annual_reminders"
    assert february["schedule"].month_of_year == {2}
    weekly = schedule["reporting-overdue-list"]
    assert weekly["task"] == "reporting.queue_overdue_list" and weekly["schedule"].day_of_week == {1}
    assert set(celery_app.tasks) >= {"reporting.send_annual_reminder", "reporting.send_overdue_list"}


@pytest.mark.django_db(transaction=True)
def test_workers_racing_on_one_reminder_and_one_list_mail_once(states, isu):
    """On PostgreSQL (SQLite serialises writers): the unique constraint decides, not a check."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): concurrent writers")
    ireland = states["ireland"]
    sent = _race(
        4, lambda i: reminders.mail_annual_reminder(state_id=ireland.pk, year=2025, day="2026-02-02")
    )
    assert sorted(sent) == [0, 0, 0, 2], sent
    assert sorted(m.to[0] for m in mail.outbox) == ["one@ireland.example", "two@ireland.example"]
    mail.outbox.clear()
    listed = _race(4, lambda i: reminders.mail_overdue_list(day="2026-05-04"))
    assert sorted(listed)[:3] == [0, 0, 0] and listed.count(0) == 3, listed
    assert len(mail.outbox) == 2  # one list, in English and in Spanish
    assert Reminder.objects.exclude(kind=Reminder.Kind.DUE).count() == max(listed)


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_with_a_real_worker_reminders_queued_while_redis_is_down_are_mailed_once_after(real_worker, states):
    """On PostgreSQL with the suite's Celery worker on Redis, as tests/robustness/test_broker_down.py."""
    from tests.robustness.test_broker_down import NOWHERE as DOWN
    from tests.robustness.test_broker_down import _all_mail, _wait_until_done, broker_at

    with broker_at(DOWN):
        assert reminders.queue_annual_reminders(today=FEBRUARY) == 3
    messages = list(OutboxMessage.objects.order_by("key"))
    assert [m.state for m in messages] == ["pending"] * 3 and all(m.last_error for m in messages)
    assert not Reminder.objects.exists()

    assert outbox_sweep() == 3  # Redis is back: the worker mails them
    for message in messages:
        assert _wait_until_done(message).state == "done", real_worker.log.read_text()[-3000:]
    mailed = _all_mail(real_worker.mail_dir)
    assert "Rapport au titre de l'article 7 pour 2025" in mailed and "punto focal de Chile" in mailed
    assert mailed.count("To: fp@senegal.example") == 1 and mailed.count("To: two@ireland.example") == 1
    assert Reminder.objects.filter(kind=Reminder.Kind.DUE).count() == 3
    # Never twice: another sweep hands nothing over; the task handed over again mails nothing.
    assert outbox_sweep() == 0
    again = tasks.send_annual_reminder.apply_async(
        args=[states["chile"].pk, 2025, FEBRUARY.isoformat()], ignore_result=False
    )
    assert again.get(timeout=60) == 0
    assert _all_mail(real_worker.mail_dir).count("To: fp@chile.example") == 1
