"""The Celery application. Tasks use Django's task class, so they can be queued with
``delay_on_commit``; without a broker (the embedded default) they run in-process."""

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
