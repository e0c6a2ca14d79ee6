from importlib import import_module

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import module_has_submodule

from accounts.models import User

DEMO_PASSWORD = "ccm-demo"  # noqa: S105 - documented demo password, refused when DEBUG is off
DEMO_ACCOUNTS = [
    # (e-mail, full name, staff)
    ("isu@example.org", "ISU staff (demo)", True),
    ("delegate@example.org", "Focal point of Mexico (demo)", False),
]


class Command(BaseCommand):
    help = "Create the demo accounts of the embedded default. Refused when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts exist only in the embedded default (DEBUG on); refused.")
        for email, full_name, staff in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    full_name=full_name,
                    is_staff=staff,
                    is_superuser=staff,
                )
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        # Other apps add what the demo needs (the focal point's delegation, demo content).
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "demo"):
                import_module(f"{config.name}.demo").create()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, full_name, _staff in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:24} {full_name}")
