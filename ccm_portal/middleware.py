"""Middleware of the portal that belongs to no app."""

from functools import cached_property
from urllib.parse import unquote

from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.translation import gettext as _


class RefuseNulInAdminMiddleware:
    """An admin address holding a NUL character (``%00``) gets a 400. The admin's list
    filters pass query parameters to the database without a form to check them, and
    PostgreSQL refuses NUL in text, which would end in a server error. The portal's own pages
    read parameters through forms, whose fields refuse NUL with a message next to the field
    (Django's ProhibitNullCharactersValidator), so they are left to do so."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("admin:index")

    def __call__(self, request):
        if request.path.startswith(self.admin_prefix) and (
            "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", ""))
        ):
            raise BadRequest(
                _("The address holds a NUL character, which the administration does not accept.")
            )
        return self.get_response(request)
