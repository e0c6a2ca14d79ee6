from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ccm_portal.lib.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from a backup folder made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup folder")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, source, yes, **options):
        if not yes and input(f"Replace the database and media with {source}? [y/N] ").lower() != "y":
            raise CommandError("Restore cancelled.")
        try:
            counts = restore(source=Path(source))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables, and the media files."
        )
