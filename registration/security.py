"""Entries of the security log that do not come from a workflow: failed sign-ins (Django's
``user_login_failed`` signal, which allauth's sign-in also sends) and permission refusals on
the registration pages (a 403 or 404 answered to a signed-in person)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import SecurityEvent


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def record_failed_sign_in(sender, credentials=None, request=None, **kwargs) -> None:
    """Receiver of ``user_login_failed``: the address typed (the password never reaches here:
    Django's signal carries the credentials cleansed)."""
    credentials = credentials or {}
    who = credentials.get("email") or credentials.get("username") or credentials.get("login") or ""
    SecurityEvent.objects.create(
        action=SecurityEvent.Action.SIGN_IN_FAILED,
        detail=f"sign-in failed for {who}"[:300],
        address=client_address(request),
    )


def _record_refusal(request, status: int) -> None:
    SecurityEvent.objects.create(
        user=request.user,
        action=SecurityEvent.Action.REFUSED,
        detail=f"{status} {request.method} {request.path}"[:300],
        address=client_address(request),
    )


def log_refusals(view):
    """Record in the security log a 403 or 404 that ``view`` answers to a signed-in person."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            if request.user.is_authenticated:
                _record_refusal(request, 404)
            raise
        except PermissionDenied:
            if request.user.is_authenticated:
                _record_refusal(request, 403)
            raise
        if response.status_code in (403, 404) and request.user.is_authenticated:
            _record_refusal(request, response.status_code)
        return response

    return wrapper
