"""The history of Article 7 reports imported from a spreadsheet (CSV or XLSX).

``parse(upload)`` reads the rows and checks each one (State by ISO code, report, year, date
received, received by, source) against the records and the other rows; it writes nothing.
``import_rows(rows, by=...)`` writes them all in one transaction after checking them again, or
none: a row that has become invalid since the preview aborts the whole import."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from meetings.models import Delegation

from .models import Article7Report

COLUMNS = ["state", "report", "year", "received_on", "received_by", "source"]
MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024


class ImportFileError(ValueError):
    """The file as a whole cannot be read."""


@dataclass
class Row:
    number: int  # the spreadsheet's row number (the header is row 1)
    data: dict
    errors: list[str] = field(default_factory=list)


def _read(upload) -> list[list[str]]:
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB; split it into several imports."))
    content = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(_("The spreadsheet cannot be read: %(error)s") % {"error": exc}) from exc
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(
                [
                    "" if v is None else (v.date().isoformat() if isinstance(v, datetime) else str(v))
                    for v in values
                ]
            )
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The CSV file is not in UTF-8; save it as “CSV UTF-8”.")) from exc
        return list(csv.reader(io.StringIO(text)))[: MAX_ROWS + 1]
    raise ImportFileError(_("Upload a .csv or .xlsx file."))


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def parse(upload) -> list[Row]:
    """The file's rows, each with its errors (none when it may be imported). Writes nothing."""
    table = _read(upload)
    if not table or [h.strip().lower() for h in table[0][: len(COLUMNS)]] != COLUMNS:
        raise ImportFileError(
            _("The first row must name the columns: %(columns)s.") % {"columns": ", ".join(COLUMNS)}
        )
    if len(table) > MAX_ROWS + 1:
        raise ImportFileError(_("At most %(count)s rows may be imported at once.") % {"count": MAX_ROWS})
    rows = [
        Row(
            number,
            dict(
                zip(COLUMNS, [c.strip() for c in (cells + [""] * len(COLUMNS))[: len(COLUMNS)]], strict=True)
            ),
        )
        for number, cells in enumerate(table[1:], start=2)
        if any(c.strip() for c in cells)
    ]
    if not rows:
        raise ImportFileError(_("The file has no row under its header."))
    check(rows)
    return rows


def check(rows: list[Row]) -> None:
    """Fill each row's errors and its cleaned values (``state``, ``kind``, ``year`` ...)."""
    states = {
        s.iso3: s
        for s in Delegation.objects.states().filter(iso3__in={r.data["state"].upper() for r in rows})
    }
    existing = set(
        Article7Report.objects.filter(state__in=states.values()).values_list("state__iso3", "kind", "year")
    )
    seen: dict[tuple, int] = {}
    for row in rows:
        row.errors = []
        d = row.data
        state = states.get(d["state"].upper())
        if state is None:
            row.errors.append(_("“%(value)s” is not the ISO code of a State.") % {"value": d["state"][:20]})
        kind = d["report"].lower()
        if kind not in Article7Report.Kind.values:
            row.errors.append(_("The report must be “initial” or “annual”."))
        year = None
        if kind == Article7Report.Kind.ANNUAL:
            year = int(d["year"]) if d["year"].isdigit() else None
            if year is None or not 2010 <= year <= 2099:
                row.errors.append(_("An annual report needs the calendar year it covers (2010 or later)."))
        elif d["year"]:
            row.errors.append(_("The initial report covers no calendar year: leave the year empty."))
        received_on = _date(d["received_on"])
        if received_on is None:
            row.errors.append(_("The date received must be given as YYYY-MM-DD."))
        elif year and year > received_on.year:
            row.errors.append(_("A report cannot cover a year that had not begun when received."))
        received_by = d["received_by"].lower() or Article7Report.ReceivedBy.UN
        if received_by not in Article7Report.ReceivedBy.values:
            row.errors.append(_("Received by must be “un” or “isu”."))
        key = (state.iso3 if state else d["state"], kind, year)
        if state and key in existing:
            row.errors.append(_("This report is already recorded."))
        if key in seen:
            row.errors.append(_("The same report is on row %(row)s.") % {"row": seen[key]})
        seen.setdefault(key, row.number)
        row.data.update(
            state_id=state.pk if state else None,
            state_name=state.name if state else "",
            kind=kind,
            year_value=year,
            received=received_on.isoformat() if received_on else "",
            received_by=received_by,
        )


def import_rows(rows: list[Row], *, by) -> int:
    """Write every row as an Article 7 report (with its history, by ``by``), or none if any row
    has an error. Returns the number written. Writes: Article7Report and its history."""
    check(rows)
    if any(row.errors for row in rows):
        raise ValueError("rows with errors")
    try:
        with transaction.atomic():
            for row in rows:
                d = row.data
                report = Article7Report(
                    state_id=d["state_id"],
                    kind=d["kind"],
                    year=d["year_value"],
                    received_on=date.fromisoformat(d["received"]),
                    received_by=d["received_by"],
                    source_note=d["source"][:400],
                )
                report._history_user = by
                report.save()
    except IntegrityError as exc:  # another import or an edit recorded the same report meanwhile
        raise ValueError(str(exc)) from exc
    return len(rows)
