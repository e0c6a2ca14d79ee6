from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Background jobs, read only: what is still pending (and why, when the broker or the task
    failed), what failed for good with its error, and what is done."""

    list_display = ["key", "task_name", "state", "created_at", "queued_at", "attempts", "done_at", "error"]
    list_filter = ["state", "task_name"]
    search_fields = ["key", "last_error"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    @admin.display(description=_("last error"))
    def error(self, obj: OutboxMessage) -> str:
        return obj.last_error[:120]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
