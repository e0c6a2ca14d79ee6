from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MachineryConfig(AppConfig):
    name = "machinery"
    verbose_name = _("Machinery")
