"""/api/v1/reporting: Article 7 reporting and the treaty deadlines on a date, exactly as the
public page /reporting/ shows them, derived by reporting.status.reporting_on. Nothing else of
the reporting app is public (the President's mandate and the import are for staff)."""

from datetime import date
from typing import Literal

from django.utils import timezone
from ninja import Router, Schema

from reporting.deadlines import annual_report_due
from reporting.models import ExtensionRequest
from reporting.status import reporting_on

from .base import ErrorOut, day
from .machinery import Holder, holder

router = Router(tags=["reporting"])

Lang = Literal["en", "fr", "es"]


class YearRateOut(Schema):
    year: int
    due: date
    obliged: int
    received: int
    percent: int | None


class OverdueInitialOut(Schema):
    state: Holder
    due: date


class OverdueAnnualOut(Schema):
    state: Holder
    years: list[int]


class GrantOut(Schema):
    decided_on: date
    new_deadline: date
    reference: str


class DeadlineOut(Schema):
    state: Holder
    article: int
    original: date
    current: date
    extensions: list[GrantOut]


class ExtensionRequestOut(Schema):
    state: Holder
    article: int
    submitted_on: date
    period_months: int
    analysis_group: str | None
    deciding_meeting: str | None
    decision: str
    decision_label: str
    decision_reference: str
    new_deadline: date | None


class ReportingOut(Schema):
    on: date
    rates: list[YearRateOut]
    overdue_initial: list[OverdueInitialOut]
    overdue_annual: list[OverdueAnnualOut]
    deadlines: list[DeadlineOut]
    extension_requests: list[ExtensionRequestOut]
    without_entry_into_force: list[Holder]


def _request(request: ExtensionRequest) -> dict:
    granted = request.decision == ExtensionRequest.Decision.GRANTED
    meeting = request.deciding_meeting
    return {
        "state": holder(request.state),
        "article": request.article,
        "submitted_on": request.submitted_on,
        "period_months": request.period_months,
        "analysis_group": request.analysis_group.name if request.analysis_group else None,
        "deciding_meeting": (meeting.code or meeting.title) if meeting else None,
        "decision": request.decision,
        "decision_label": str(request.get_decision_display()),
        "decision_reference": request.decision_reference,
        "new_deadline": request.new_deadline if granted else None,
    }


@router.get("", response={200: ReportingOut, 400: ErrorOut}, url_name="reporting")
def reporting(request, on: str | None = None, lang: Lang = "en"):
    """Article 7 reporting on ?on=YYYY-MM-DD (today by default), as /reporting/ shows it: the
    reporting rate by the year the annual reports cover, the initial and annual reports overdue,
    the deadlines under Articles 3 and 4 in force with the extensions granted, and the extension
    requests submitted by then."""
    when = day(on) or timezone.localdate()
    r = reporting_on(when)
    return {
        "on": when,
        "rates": [
            {
                "year": rate.year,
                "due": annual_report_due(rate.year),
                "obliged": rate.obliged,
                "received": rate.received,
                "percent": rate.percent,
            }
            for rate in r.rates
        ],
        "overdue_initial": [{"state": holder(row.state), "due": row.due} for row in r.overdue_initial],
        "overdue_annual": [{"state": holder(row.state), "years": row.years} for row in r.overdue_annual],
        "deadlines": [
            {
                "state": holder(row.state),
                "article": row.article,
                "original": row.deadline.original,
                "current": row.deadline.current,
                "extensions": [
                    {"decided_on": g.decided_on, "new_deadline": g.new_deadline, "reference": g.reference}
                    for g in row.deadline.extensions
                ],
            }
            for row in r.deadlines
        ],
        "extension_requests": [_request(request) for request in r.extension_requests],
        "without_entry_into_force": [holder(state) for state in r.without_entry_into_force],
    }
