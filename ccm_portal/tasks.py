"""Periodic work of the project itself."""

from celery import shared_task


@shared_task(name="ccm_portal.outbox_sweep", ignore_result=True)
def outbox_sweep() -> int:
    """Hand pending outbox messages to the broker (run by Celery beat every minute)."""
    from ccm_portal.lib.outbox import sweep

    return sweep()
