from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import timezone
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


class AbsoluteSessionLifetimeMiddleware:
    """Ends every signed-in session SESSION_COOKIE_AGE seconds after sign-in, however active the
    person is (an absolute lifetime, not an idle timeout).

    The sign-in time is stored in the session at sign-in (``start``, on ``user_logged_in``; for
    a session signed in before this existed, on its next response). A request after the end is served signed out (the session is flushed). Whenever the
    session is saved, its expiry is set to that same end, so neither the cookie nor the stored
    session is extended by activity (sessions ending when the browser closes keep doing so).
    """

    KEY = "_signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def start(cls, sender, request, user, **kwargs) -> None:
        if request is not None and hasattr(request, "session"):
            request.session[cls.KEY] = timezone.now().isoformat()

    @classmethod
    def end_of(cls, session):
        started = session.get(cls.KEY)
        if not started:
            return None
        return datetime.fromisoformat(started) + timedelta(seconds=settings.SESSION_COOKIE_AGE)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            end = self.end_of(request.session)
            if end is not None and timezone.now() >= end:
                logout(request)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            session = request.session
            if self.KEY not in session:
                session[self.KEY] = timezone.now().isoformat()
            if session.modified and not session.get_expire_at_browser_close():
                session.set_expiry(self.end_of(session))
        return response
