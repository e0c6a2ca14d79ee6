"""What every generator shares: the prefix of generated rows, the base date, volumes, models."""

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db import models

PREFIX = "bench-"
BASE_DATE = date(2008, 1, 1)  # the generated meetings spread from here over about 22 years
BATCH = 2000

# Full-scale volumes (issue 8, item 1); --scale multiplies them.
MEETINGS = 500
DOCUMENTS = 10_000
SUBMISSIONS = 2_000
COMMENTS = 10_000


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def scaled(full: int, scale: float) -> int:
    return max(1, round(full * scale))


def get_model(app_label: str, model_name: str) -> type[models.Model] | None:
    """The model if this build has it, else None (never a stand-in)."""
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None
