"""The Celery application (``config_from_object`` with the ``CELERY_`` settings, tasks found by
``autodiscover_tasks``). Workflows never queue a task directly: they write it into the outbox
(``ccm_portal.lib.outbox.enqueue``) in their transaction, and the outbox hands it to the broker
after the commit and, through beat's sweep, again whenever the broker was down or a worker died.
Tasks record their outcome on their own rows, so results are ignored and no result backend is
configured. Without a broker (the embedded default) tasks run in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccm_portal.settings")

app = Celery("ccm_portal", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ccm_portal.ping")
def ping() -> str:
    """A task with no side effects: proves that a worker answers."""
    return "pong"
