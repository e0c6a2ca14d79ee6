"""The API object: its resources, its errors and its OpenAPI description (/api/v1/openapi.json)."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from ccm_portal.lib.exports import XLSX_TYPE

from . import consultations, delegations, documents, machinery, meetings, reporting
from .base import BadRequest, NotFound, error_body

DESCRIPTION = """Read-only open data of the Convention on Cluster Munitions, as the portal's public
pages show them: documents by symbol, meetings, delegations with their treaty record, the
machinery on any date, positions by topic, and Article 7 reporting and treaty deadlines on any
date. Anonymous, JSON, no key.

Lists are paged (`?page=`, `?page_size=` up to 200, 50 by default) and answer `count`, `next`,
`previous` and `results`, in a stable order. Filters take several values separated by commas
(`?kind=working_paper,report`). `?changed_since=` (a date, or a date and time in ISO 8601) keeps
what changed since then. `?lang=fr` or `?lang=es` gives translated fields in French or Spanish
(English where no translation exists). `?format=csv` or `?format=xlsx` gives the whole filtered list
(every page) as CSV or as an Excel workbook. Errors are JSON with a `message` and the `field` at
fault. Answers carry `ETag` and `Last-Modified` (ask again with `If-None-Match` for a 304) and
`Access-Control-Allow-Origin: *`; each client address may send a limited number of requests a
minute (429 with `Retry-After` beyond it)."""


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The description, with the CSV and XLSX answers of every list that takes ?format=."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for methods in schema["paths"].values():
            operation = methods.get("get", {})
            if any(p["name"] == "format" for p in operation.get("parameters", [])):
                responses = operation["responses"]
                content = (responses.get(200) or responses["200"])["content"]
                content["text/csv"] = {"schema": {"type": "string"}}
                content[XLSX_TYPE] = {"schema": {"type": "string", "contentMediaType": XLSX_TYPE}}
        return schema


api = OpenDataAPI(
    title="CCM Portal open data API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)
api.add_router("/documents", documents.router)
api.add_router("/meetings", meetings.router)
api.add_router("/delegations", delegations.router)
api.add_router("/machinery", machinery.router)
api.add_router("/topics", consultations.router)
api.add_router("/reporting", reporting.router)


def _error(request, status: int, message: str, field: str | None = None):
    return api.create_response(request, error_body(status, message, field), status=status)


@api.exception_handler(BadRequest)
def bad_request(request, error: BadRequest):
    return _error(request, error.status, error.message, error.field)


@api.exception_handler(NotFound)
def not_found(request, error: NotFound):
    return _error(request, 404, error.message)


@api.exception_handler(Http404)
def http_404(request, error: Http404):
    return _error(request, 404, "Not found.")


@api.exception_handler(ValidationError)
def invalid(request, error: ValidationError):
    first = error.errors[0] if error.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path")]
    field = location[-1] if location else None
    message = first.get("msg", "Invalid request.")
    return _error(request, 400, f"{field}: {message}" if field else message, field)


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    return _error(request, error.status_code, str(error))
