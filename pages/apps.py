from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The pages that show several apps at once: the home page, a meeting's page, a
    delegation's page. The top layer: it may import every app; no app imports it."""

    name = "pages"
    verbose_name = _("Pages")
