"""Loading reference data so that running it again changes nothing and staff edits win.

A record that a person has edited since (its history holds a change by a user) is kept as
it is; a record that only the loader ever wrote is brought up to date with the data.

Content in three languages: a text of a translated field (each app's translation.py) is the
English one; its French and Spanish versions come from ccm_portal/data/content_<lang>.json
(English text -> translation) unless the loader gives them itself (e.g. the names of States).
"""

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models
from modeltranslation.translator import NotRegistered, translator

CONTENT_DIR = Path(__file__).resolve().parent.parent / "data"
CONTENT_LANGUAGES = ("fr", "es")

REFERENCE_REASON = "Reference data (load_ccm_data)"


def _validate(obj: models.Model) -> None:
    # Field validation catches bad data in the shipped files; uniqueness and check constraints
    # are left to the database, which enforces them anyway (checking them here costs a query
    # each and made loading several times slower).
    obj.full_clean(validate_unique=False, validate_constraints=False)


def edited_by_person(obj: models.Model) -> bool:
    history = getattr(obj, "history", None)
    return history is not None and history.filter(history_user__isnull=False).exists()


@cache
def content_translations(language: str) -> dict[str, str]:
    """The reviewed translations of the reference data's texts into one language."""
    with open(CONTENT_DIR / f"content_{language}.json", encoding="utf-8") as fh:
        return json.load(fh)


def translated_fields(model: type[models.Model]) -> list[str]:
    """The fields of the model kept in three languages (its app's translation.py)."""
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def in_languages(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """The values with each translated field's text under its English column and its French
    and Spanish versions beside it (None when there is none: the page then says so)."""
    result = dict(values)
    for name in translated_fields(model):
        if name not in values:
            continue
        text = result.pop(name)
        result[f"{name}_en"] = text
        for language in CONTENT_LANGUAGES:
            key = f"{name}_{language}"
            if key not in result:
                result[key] = content_translations(language).get(text) if text else text
    return result


def sync_record(
    model: type[models.Model], *, lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[models.Model, str]:
    """Create or update one record; returns it with "created", "updated", "unchanged" or "kept"."""
    # A translated field in the lookup is matched on its English column, whatever the
    # language active; its French and Spanish versions are kept like the other values.
    translated = translated_fields(model)
    in_lookup = {name: value for name, value in lookup.items() if name in translated}
    lookup = {(f"{name}_en" if name in translated else name): value for name, value in lookup.items()}
    values = {
        name: value
        for name, value in in_languages(model, {**values, **in_lookup}).items()
        if name not in lookup
    }
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
