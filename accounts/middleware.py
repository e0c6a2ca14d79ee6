from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class StaffMFAMiddleware:
    """Keeps staff without two-factor authentication out of the admin when MFA is required.

    A staff user who has not set up an authenticator app is sent to the MFA set-up page;
    the rest of the site (and the MFA pages themselves) stays reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.STAFF_MFA_REQUIRED
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and request.path.startswith("/admin/")
            and not user.has_mfa
        ):
            messages.warning(
                request,
                _("ISU staff must set up two-factor authentication before using the administration."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
