from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from ccm_portal.lib.cache import watch_app_models

        # Cache busting only: public pages show these records (ccm_portal/lib/cache.py).
        watch_app_models(self)
