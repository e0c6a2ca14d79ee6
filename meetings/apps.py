from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and delegations")

    def ready(self):
        from django.db.models.signals import post_migrate

        from ccm_portal.lib.cache import content_version_after_migrate, watch_app_models

        # Cache busting only: public pages show these records (ccm_portal/lib/cache.py).
        watch_app_models(self)
        post_migrate.connect(content_version_after_migrate, sender=self, dispatch_uid="public-pages:migrate")
