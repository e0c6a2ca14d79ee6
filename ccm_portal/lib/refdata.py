"""Loading reference data so that running it again changes nothing and staff edits win.

A record that a person has edited since (its history holds a change by a user) is kept as
it is; a record that only the loader ever wrote is brought up to date with the data.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models

REFERENCE_REASON = "Reference data (load_ccm_data)"


def _validate(obj: models.Model) -> None:
    # Field validation catches bad data in the shipped files; uniqueness and check constraints
    # are left to the database, which enforces them anyway (checking them here costs a query
    # each and made loading several times slower).
    obj.full_clean(validate_unique=False, validate_constraints=False)


def edited_by_person(obj: models.Model) -> bool:
    history = getattr(obj, "history", None)
    return history is not None and history.filter(history_user__isnull=False).exists()


def sync_record(
    model: type[models.Model], *, lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[models.Model, str]:
    """Create or update one record; returns it with "created", "updated", "unchanged" or "kept"."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = REFERENCE_REASON
        _validate(obj)
        obj.save()
        return obj, "created"
    changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
    if not changed:
        return obj, "unchanged"
    if edited_by_person(obj):
        return obj, "kept"
    for name, value in changed.items():
        setattr(obj, name, value)
    obj._change_reason = REFERENCE_REASON
    _validate(obj)
    obj.save()
    return obj, "updated"


def sync_m2m(obj: models.Model, field: str, targets: Iterable[models.Model]) -> bool:
    """Add the missing members of a many-to-many field (never removes what staff added)."""
    manager = getattr(obj, field)
    present = set(manager.values_list("pk", flat=True))
    missing = [t for t in targets if t.pk not in present]
    if missing:
        manager.add(*missing)
    return bool(missing)


class Tally:
    """Counts what a load did, for the command's report."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {}

    def add(self, label: str, action: str) -> None:
        self.counts.setdefault(label, {}).setdefault(action, 0)
        self.counts[label][action] += 1

    def lines(self) -> list[str]:
        return [
            f"{label}: " + ", ".join(f"{n} {action}" for action, n in sorted(actions.items()))
            for label, actions in self.counts.items()
        ]
