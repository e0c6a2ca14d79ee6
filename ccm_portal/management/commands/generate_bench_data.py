from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.generators import generate


class Command(BaseCommand):
    help = (
        "Generate deterministic benchmark data at scale (bench/generators/): loads the reference "
        "data first, then replaces the rows a previous run generated. Same seed and scale, same rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiplies every volume (0.01 for a quick test)."
        )
        parser.add_argument(
            "--no-reference-data", action="store_true", help="Do not run load_ccm_data first."
        )

    def handle(self, *args, seed, scale, no_reference_data, **options):
        if not 0 < scale <= 10:
            raise CommandError("--scale must be above 0 and at most 10.")
        if not no_reference_data:
            call_command("load_ccm_data", verbosity=0, stdout=self.stdout)
        report = generate(seed=seed, scale=scale, log=self.stdout.write)
        total = sum(report.created.values())
        self.stdout.write(
            self.style.SUCCESS(f"Benchmark data generated: {total} rows (seed {seed}, scale {scale}).")
        )
