"""CSV and XLSX exports of a list: every row its filters select (not one page), streamed.

One helper for every public list page (documents, meetings, delegations, office holders on a
date, positions by topic) and for the API's lists. A page offers its exports as its own address
with ``?format=csv`` or ``?format=xlsx`` added (``export_links``): the filters are those of the
address, so the file holds exactly what the page shows, and no new address is needed.

- ``columns`` is a list of ``Column(header, value)``: the header is translated when the answer is
  built (the page's language), ``value(row)`` gives the cell.
- A queryset is read CSV_CHUNK rows at a time (each chunk with its own prefetches), so memory
  and the number of queries per chunk stay constant in the number of rows.
- CSV is written as the answer is sent (StreamingHttpResponse); XLSX is built in an openpyxl
  write-only workbook (rows go to a temporary file, not memory) and sent in blocks (FileResponse).
- A text cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is kept as
  text with a leading apostrophe.
"""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

FORMATS = ("csv", "xlsx")
CSV_CHUNK = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: Any  # a (lazy) translatable string, or a plain one
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class ExportLink:
    format: str
    label: str
    url: str


def requested_format(request: HttpRequest) -> str | None:
    """``csv`` or ``xlsx`` when the address asks for an export of the list, else None."""
    value = request.GET.get("format")
    return value if value in FORMATS else None


def export_links(request: HttpRequest, *, drop: Iterable[str] = ("page",)) -> list[ExportLink]:
    """The page's own address with its filters, as CSV and as XLSX (page numbers dropped)."""
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    links = []
    for fmt, label in (("csv", _("CSV")), ("xlsx", _("Excel (XLSX)"))):
        params["format"] = fmt
        links.append(ExportLink(format=fmt, label=str(label), url=f"{request.path}?{params.urlencode()}"))
    return links


def in_chunks(rows: QuerySet | Iterable) -> Iterator:
    """The rows one by one; a queryset read CSV_CHUNK rows at a time (with its prefetches)."""
    if not isinstance(rows, QuerySet):
        yield from rows
        return
    start = 0
    while True:
        chunk = list(rows[start : start + CSV_CHUNK])
        yield from chunk
        if len(chunk) < CSV_CHUNK:
            return
        start += CSV_CHUNK


def text_cell(value) -> str:
    """A cell as CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(text_cell(v) for v in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _xlsx_cell(value):
    """A cell as the workbook holds it: dates and numbers typed, the rest as text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
        return value
    if isinstance(value, date):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", text_cell(value))


class _Echo:
    def write(self, value: str) -> str:
        return value


def _filename(filename: str, fmt: str) -> str:
    return f"{filename}.{fmt}"


def export_response(
    rows: QuerySet | Iterable,
    *,
    columns: list[Column],
    fmt: str,
    filename: str,
    title: str = "",
) -> StreamingHttpResponse:
    """Every row of ``rows`` (a queryset in a stable order, or a list) as ``fmt`` (csv or
    xlsx), with a header row in the active language; ``filename`` without its extension."""
    headers = [str(column.header) for column in columns]
    language = translation.get_language()
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines() -> Iterator[str]:
            yield writer.writerow(headers)
            # The rows are read as the answer is sent, after the view has returned.
            with translation.override(language):
                for row in in_chunks(rows):
                    yield writer.writerow([text_cell(column.value(row)) for column in columns])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename(filename, fmt)}"'
        return response
    if fmt != "xlsx":
        raise ValueError(f"Unknown export format {fmt!r}")
    from openpyxl import Workbook  # imported when an XLSX is asked for, not with every page

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or filename)[:31])
    sheet.append(headers)
    for row in in_chunks(rows):
        sheet.append([_xlsx_cell(column.value(row)) for column in columns])
    file = tempfile.TemporaryFile()  # deleted when the answer closes it
    workbook.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=_filename(filename, fmt), content_type=XLSX_TYPE)
