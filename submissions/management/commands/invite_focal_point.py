from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from meetings.models import Delegation
from submissions import services


class Command(BaseCommand):
    help = (
        "Invite a person to act for a delegation: creates the account if needed and mails a "
        "set-password link. Example: invite_focal_point --email a@example.org --delegation MEX"
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--delegation", required=True, help="ISO code of a State (MEX) or an organisation's slug"
        )
        parser.add_argument("--full-name", default="")

    def handle(self, *args, email, delegation, full_name, **options):
        key = delegation.strip()
        found = Delegation.objects.filter(Q(iso3=key.upper()) | Q(slug=key.lower())).first()
        if found is None:
            raise CommandError(f"No delegation with the code {key!r}.")
        try:
            role = services.invite_focal_point(
                email=email, full_name=full_name, delegation=found, by=None, base_url=settings.SITE_URL
            )
        except services.Refused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(
            self.style.SUCCESS(f"{role.user.email} is invited as focal point of {role.delegation}.")
        )
