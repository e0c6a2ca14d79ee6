from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from .security import record_failed_sign_in

        user_login_failed.connect(record_failed_sign_in, dispatch_uid="registration.failed_sign_in")
