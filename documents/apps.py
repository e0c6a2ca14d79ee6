from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from ccm_portal.lib.cache import watch_app_models

        # Cache busting only: public pages show these records (ccm_portal/lib/cache.py).
        watch_app_models(self)
