"""/api/v1/: the API's resources and description, and its documentation page."""

from django.urls import path, re_path

from . import views
from .http import api_view, not_found, wrap_patterns
from .site import api

app_name = "api"

patterns, _, _ = api.urls

urlpatterns = [
    path("", api_view(views.index), name="api-root"),  # the name ninja reverses
    path("docs/", api_view(views.docs), name="docs"),
    *wrap_patterns([p for p in patterns if p.name != "api-root"]),  # ours says what there is
    re_path(r"^[\s\S]*$", not_found, name="not-found"),  # any address, line breaks included
]
