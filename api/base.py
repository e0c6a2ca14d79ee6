"""What every resource of the API shares: its errors (JSON, naming the field), the parsing of
query parameters (several values separated by commas, dates, ?changed_since=), page-number
pagination and absolute addresses."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import get_args
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import Schema

from ccm_portal.lib.exports import Column, export_response, in_chunks

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class BadRequest(Exception):
    """A query parameter the API cannot use: answered 400 with the field and the reason."""

    def __init__(self, field: str, message: str, status: int = 400):
        super().__init__(message)
        self.field = field
        self.message = message
        self.status = status


class NotFound(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ErrorOut(Schema):
    status: int
    message: str
    field: str | None = None


def error_body(status: int, message: str, field: str | None = None) -> dict:
    return {"status": status, "message": message, "field": field}


def values(raw: str | None, *, field: str, allowed: list[str] | None = None) -> list[str]:
    """``kind=working_paper,report`` -> ["working_paper", "report"]; an unknown value is a 400."""
    if raw is None:
        return []
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if allowed is not None:
        unknown = [item for item in items if item not in allowed]
        if unknown:
            raise BadRequest(
                field,
                f"Unknown value {unknown[0]!r} for {field}; expected one or more of: {', '.join(allowed)}.",
            )
    return items


def integers(raw: str | None, *, field: str, low: int, high: int) -> list[int]:
    numbers = []
    for item in values(raw, field=field):
        if not item.isdigit() or not low <= int(item) <= high:
            raise BadRequest(field, f"{field} takes whole numbers from {low} to {high}, not {item!r}.")
        numbers.append(int(item))
    return numbers


def day(raw: str | None, *, field: str = "on") -> date | None:
    if raw is None or raw == "":
        return None
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise BadRequest(field, f"{field} must be a date written YYYY-MM-DD, not {raw!r}.")


def moment(raw: str | None, *, field: str = "changed_since") -> datetime | None:
    """A date (midnight, the portal's time zone) or a date and time (ISO 8601)."""
    if raw is None or raw == "":
        return None
    try:
        parsed = parse_datetime(raw) if len(raw) > 10 else None
        if parsed is None:
            parsed = datetime.combine(date.fromisoformat(raw), datetime.min.time())
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadRequest(
            field,
            f"{field} must be a date or a date and time (ISO 8601, e.g. 2026-03-15T09:00:00Z), not {raw!r}.",
        )
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


@dataclass
class Page:
    count: int
    rows: list
    number: int
    size: int

    @property
    def has_next(self) -> bool:
        return self.number * self.size < self.count


def paginate(queryset: QuerySet | list, *, page: int, page_size: int) -> Page:
    """One page of a list ordered stably by the caller; a page past the last is a 404."""
    if isinstance(queryset, list):
        count = len(queryset)
    else:
        count = queryset.count()
    start = (page - 1) * page_size
    if page > 1 and start >= count:
        raise BadRequest("page", f"There is no page {page}: the list has {count} rows.", status=404)
    rows = list(queryset[start : start + page_size]) if count else []
    return Page(count=count, rows=rows, number=page, size=page_size)


def page_out(request: HttpRequest, page: Page, results: list) -> dict:
    def address(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return absolute(request, request.path) + "?" + params.urlencode(safe=",")

    return {
        "count": page.count,
        "next": address(page.number + 1) if page.has_next else None,
        "previous": address(page.number - 1) if page.number > 1 else None,
        "results": results,
    }


def absolute(request: HttpRequest, path: str, **params) -> str:
    url = request.build_absolute_uri(path)
    if params:
        url += "?" + urlencode(params)
    return url


# --- CSV and XLSX: every list of the API as ?format=csv or ?format=xlsx ----------------------


def csv_columns(schema: type[Schema]) -> list[str]:
    """The columns of a list item: its fields, those of nested objects as ``meeting.slug``."""
    columns = []
    for name, field in schema.model_fields.items():
        nested = [a for a in get_args(field.annotation) or (field.annotation,) if _is_schema(a)]
        if nested:
            columns += [f"{name}.{sub}" for sub in nested[0].model_fields]
        else:
            columns.append(name)
    return columns


def _is_schema(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Schema)


def _path(value, column: str):
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def csv_response(
    rows, *, item: Callable, schema: type[Schema], filename: str, fmt: str = "csv"
) -> StreamingHttpResponse:
    """Every row of ``rows`` (a queryset in a stable order, or a list) as CSV or XLSX, with the
    field names of the list's items as headers (``filename`` without its extension), streamed
    by ccm_portal.lib.exports in chunks (each chunk with its prefetches)."""
    columns = [Column(name, lambda row, name=name: _path(row, name)) for name in csv_columns(schema)]
    items = (item(row) for row in in_chunks(rows))
    return export_response(items, columns=columns, fmt=fmt, filename=filename)
