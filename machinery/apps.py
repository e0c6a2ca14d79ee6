from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MachineryConfig(AppConfig):
    name = "machinery"
    verbose_name = _("Machinery")

    def ready(self):
        from ccm_portal.lib.cache import watch_app_models

        # Cache busting only: public pages show these records (ccm_portal/lib/cache.py).
        watch_app_models(self)
