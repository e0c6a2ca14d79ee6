from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ccm_portal.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new folder (default var/backups/)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.VAR_DIR) / "backups"))

    def handle(self, *args, output, **options):
        try:
            folder = backup(destination=Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(folder))
