"""The admin base class of every model that keeps its history."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose "Revert" needs the right to change the record.

    django-simple-history shows a past version to anyone who may view the record, and saves it
    back when that page is POSTed, even for a user with the view permission only (it merely
    hides the button). Here the POST is refused whenever the button would be hidden:
    ``revert_disabled`` (view only, or a ModelAdmin that forbids reverts)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if self.revert_disabled(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
