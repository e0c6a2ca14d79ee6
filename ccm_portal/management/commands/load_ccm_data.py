from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from django.utils.translation import override

from ccm_portal.lib.refdata import Tally


class Command(BaseCommand):
    help = (
        "Load the Convention's reference data (regions, States, organisations, meetings, "
        "machinery, documents). Safe to run again: it changes nothing that is already "
        "current and never overwrites a record that staff have edited."
    )

    def handle(self, *args, **options):
        tally = Tally()
        # In English: the base column of each translated field (and its history) holds the
        # English text, the language of the data files.
        with transaction.atomic(), override("en"):
            # Each app may ship a reference_data module with load(tally); they run in the
            # order of INSTALLED_APPS, so the core app's records exist before the others'.
            for config in apps.get_app_configs():
                if module_has_submodule(config.module, "reference_data"):
                    import_module(f"{config.name}.reference_data").load(tally)
        for line in tally.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
