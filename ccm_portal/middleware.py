"""Middleware of the portal that belongs to no app."""

from functools import cached_property
from urllib.parse import unquote

from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from submissions.permissions import acting_delegation


class RefuseNulMiddleware:
    """A path holding a NUL character (``%00``), or an admin address with one in its query
    string, gets a 400. No address of the portal holds one, and PostgreSQL refuses NUL in text:
    a view looking a path segment up would end in a server error, as would the admin's list
    filters, which pass query parameters to the database without a form to check them. The
    portal's own pages read parameters through forms, whose fields refuse NUL with a message
    next to the field (Django's ProhibitNullCharactersValidator), so they are left to do so."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("admin:index")

    def __call__(self, request):
        in_query = "\x00" in unquote(request.META.get("QUERY_STRING", ""))
        if "\x00" in request.path or (in_query and request.path.startswith(self.admin_prefix)):
            raise BadRequest(_("The address holds a NUL character, which no page of the portal accepts."))
        return self.get_response(request)


class ActingDelegationMiddleware:
    """``request.acting_delegation()``: the delegation the signed-in person acts for (an active
    focal point role), or None. Focal points are kept by the submissions app; the apps beside it
    (registration) must not import it, so the project wires the answer to the request here,
    outside the layers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting_delegation = lambda: acting_delegation(request.user)
        return self.get_response(request)
