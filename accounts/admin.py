from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.history_admin import HistoryAdmin

from .forms import InviteUserForm
from .models import User
from .services import invite_user


@admin.register(User)
class UserAdmin(BaseUserAdmin, HistoryAdmin):
    add_form = InviteUserForm
    list_display = ["email", "full_name", "language", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "language", "password"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": ["email", "full_name", "language", "is_staff"],
                "description": _("The person receives an e-mail with a link to choose a password."),
            },
        )
    ]
    filter_horizontal = ["groups", "user_permissions"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if not change:
            invite_user(email=obj.email, base_url=request.build_absolute_uri("/"))
            messages.info(
                request,
                _("An invitation to choose a password was sent to %(email)s.") % {"email": obj.email},
            )
