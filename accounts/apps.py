from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import AbsoluteSessionLifetimeMiddleware
        from .services import remember_language

        # Every way of signing in (allauth, the admin through allauth, tests' force_login)
        # starts the session's absolute lifetime.
        user_logged_in.connect(AbsoluteSessionLifetimeMiddleware.start, dispatch_uid="session-lifetime")
        user_logged_in.connect(remember_language, dispatch_uid="remember-language")
