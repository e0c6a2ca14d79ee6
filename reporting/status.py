"""Reporting and deadlines on any date, read from the records in a fixed number of queries.

These are the app's public functions for the pages that show them (reporting's own and the
State's page in pages/): nothing here is stored, everything is derived with reporting.deadlines
from the records and each State's treaty record (meetings)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from machinery.models import AnalysisGroup
from machinery.on_date import AnalysisGroupOnDate, machinery_on
from machinery.terms import close_bounds
from meetings.models import Delegation
from meetings.treaty import TreatyStatus

from . import deadlines
from .deadlines import Deadline, Grant
from .models import (
    Article3Obligation,
    Article4Obligation,
    Article7Report,
    ExtensionRequest,
    ReportVersion,
    Retention,
)


def grant_of(request: ExtensionRequest) -> Grant | None:
    """The extension as granted, in force from the last day of the meeting that decided it
    (not in force while that day is not known)."""
    if request.decision != ExtensionRequest.Decision.GRANTED or not request.new_deadline:
        return None
    if request.deciding_meeting is None:
        return None
    bounds = close_bounds(request.deciding_meeting)
    if not bounds.known:
        return None
    return Grant(
        decided_on=bounds.latest, new_deadline=request.new_deadline, reference=request.decision_reference
    )


def _grants(requests: list[ExtensionRequest], state_id: int, article: int) -> list[Grant]:
    grants = [grant_of(r) for r in requests if r.state_id == state_id and r.article == article]
    return [g for g in grants if g]


def deadline_of(
    obligation: Article3Obligation | Article4Obligation,
    eif: date,
    requests: list[ExtensionRequest],
    day: date,
) -> Deadline:
    if isinstance(obligation, Article3Obligation):
        return deadlines.article3_deadline(eif, _grants(requests, obligation.state_id, 3), day)
    return deadlines.article4_deadline(
        eif,
        _grants(requests, obligation.state_id, 4),
        day,
        hostilities_ended_on=obligation.hostilities_ended_on,
    )


@dataclass
class YearRate:
    year: int
    obliged: int
    received: int

    @property
    def rate(self) -> float | None:
        return deadlines.reporting_rate(self.received, self.obliged)

    @property
    def percent(self) -> int | None:
        rate = self.rate
        return None if rate is None else round(100 * rate)


@dataclass
class OverdueReport:
    state: Delegation
    year: int | None  # None: the initial report
    due: date


@dataclass
class OverdueAnnual:
    """A State's annual reports not received on the date, latest year first."""

    state: Delegation
    years: list[int]

    @property
    def latest(self) -> int:
        return self.years[0]


@dataclass
class DeadlineRow:
    state: Delegation
    article: int
    deadline: Deadline


@dataclass
class ReportingOnDate:
    day: date
    rates: list[YearRate]
    overdue_initial: list[OverdueReport]
    overdue_annual: list[OverdueAnnual]
    deadlines: list[DeadlineRow]
    extension_requests: list[ExtensionRequest]
    without_entry_into_force: list[Delegation]

    @property
    def latest_year(self) -> int | None:
        return self.rates[-1].year if self.rates else None


def _parties_on(day: date) -> tuple[list[Delegation], list[Delegation]]:
    """The States Parties on ``day`` whose entry into force is known, and those whose is not."""
    known, unknown = [], []
    for state in Delegation.objects.states().order_by("name"):
        if state.status_on(day) != TreatyStatus.STATE_PARTY:
            continue
        (known if state.entry_into_force else unknown).append(state)
    return known, unknown


def _received(day: date) -> tuple[set[int], dict[int, set[int]]]:
    """Who had sent the initial report by ``day``, and the years of the annual reports each had sent."""
    initial: set[int] = set()
    annual: dict[int, set[int]] = defaultdict(set)
    for state_id, kind, year in Article7Report.objects.received_by(day).values_list(
        "state_id", "kind", "year"
    ):
        if kind == Article7Report.Kind.INITIAL:
            initial.add(state_id)
        else:
            annual[state_id].add(year)
    return initial, annual


def owed_years(state: Delegation, day: date) -> list[int]:
    eif = state.entry_into_force
    return [
        year
        for year in deadlines.years_due_by(day)
        if deadlines.owes_annual_report(
            year, entry_into_force=eif, withdrawal_effective=state.withdrawal_effective_date
        )
    ]


def analysis_group_names() -> dict[int, AnalysisGroup]:
    return {group.article: group for group in AnalysisGroup.objects.all()}


def reporting_on(day: date) -> ReportingOnDate:
    """Reporting rate by year, overdue reports, the deadlines in force and the extension
    requests, as the records stand on ``day``."""
    parties, without_eif = _parties_on(day)
    initial, annual = _received(day)
    years = deadlines.years_due_by(day)
    obliged: dict[int, int] = defaultdict(int)
    received: dict[int, int] = defaultdict(int)
    overdue_initial, overdue_annual = [], []
    for state in parties:
        eif = state.entry_into_force
        due = deadlines.initial_report_due(eif)
        if deadlines.owes_initial_report(
            entry_into_force=eif, withdrawal_effective=state.withdrawal_effective_date
        ) and deadlines.is_overdue(due, None if state.pk not in initial else day, day):
            overdue_initial.append(OverdueReport(state, None, due))
        missing = []
        for year in owed_years(state, day):
            obliged[year] += 1
            if year in annual[state.pk]:
                received[year] += 1
            else:
                missing.append(year)
        if missing:
            overdue_annual.append(OverdueAnnual(state, sorted(missing, reverse=True)))
    overdue_annual.sort(key=lambda row: (-row.latest, row.state.name))

    requests = list(ExtensionRequest.objects.for_listing().submitted_by(day))
    by_article = analysis_group_names()
    for request in requests:
        request.analysis_group = by_article.get(request.article)
    eifs = {state.pk: state.entry_into_force for state in parties}
    rows = []
    for model, article in ((Article3Obligation, 3), (Article4Obligation, 4)):
        for obligation in model.objects.select_related("state").filter(state_id__in=eifs):
            if obligation.in_force_on(day):
                rows.append(
                    DeadlineRow(
                        obligation.state,
                        article,
                        deadline_of(obligation, eifs[obligation.state_id], requests, day),
                    )
                )
    rows.sort(key=lambda row: (row.deadline.current, row.state.name))
    return ReportingOnDate(
        day=day,
        rates=[YearRate(year, obliged[year], received[year]) for year in years],
        overdue_initial=overdue_initial,
        overdue_annual=overdue_annual,
        deadlines=rows,
        extension_requests=requests,
        without_entry_into_force=without_eif,
    )


@dataclass
class MandateRow:
    state: Delegation
    reasons: list[str]
    years: list[int]
    last_report: date | None = None


def mandate_list(day: date) -> list[MandateRow]:
    """The States the President's mandate concerns on ``day`` (CCM/CONF/2021/6): States Parties
    with obligations under Article 3 or 4 or retaining cluster munitions under Article 3(6), that
    sent no Article 7 report for either of the two latest calendar years that were due."""
    parties, _unknown = _parties_on(day)
    by_pk = {state.pk: state for state in parties}
    reasons: dict[int, list[str]] = defaultdict(list)
    for model, reason in ((Article3Obligation, "article-3"), (Article4Obligation, "article-4")):
        for obligation in model.objects.filter(state_id__in=by_pk):
            if obligation.in_force_on(day):
                reasons[obligation.state_id].append(reason)
    latest_retention: dict[int, Retention] = {}
    for retention in Retention.objects.filter(state_id__in=by_pk, year__lte=day.year).order_by("year"):
        latest_retention[retention.state_id] = retention
    for state_id, retention in latest_retention.items():
        if retention.retains:
            reasons[state_id].append("article-3-6")
    _initial, annual = _received(day)
    last: dict[int, date] = {}
    for state_id, received_on in (
        Article7Report.objects.received_by(day)
        .filter(state_id__in=reasons)
        .values_list("state_id", "received_on")
    ):
        last[state_id] = max(received_on, last.get(state_id, received_on))
    rows = []
    for state_id, why in reasons.items():
        state = by_pk[state_id]
        missed = deadlines.missed_both(annual[state_id], owed_years(state, day), day)
        if missed:
            rows.append(MandateRow(state, why, missed, last.get(state_id)))
    rows.sort(key=lambda row: row.state.name)
    return rows


@dataclass
class AnnualRow:
    year: int
    due: date
    report: Article7Report | None
    overdue: bool


@dataclass
class StateReporting:
    state: Delegation
    day: date
    initial_due: date | None
    initial_report: Article7Report | None
    initial_overdue: bool
    annual: list[AnnualRow]
    other_reports: list[Article7Report]
    article3: tuple[Article3Obligation, Deadline | None] | None
    article4: tuple[Article4Obligation, Deadline | None] | None
    retentions: list[Retention]
    extension_requests: list[ExtensionRequest] = field(default_factory=list)

    @property
    def demonstration(self) -> bool:
        return any(report.is_demonstration for report in self.all_reports)

    @property
    def all_reports(self) -> list[Article7Report]:
        reports = [row.report for row in self.annual if row.report] + self.other_reports
        return reports + ([self.initial_report] if self.initial_report else [])

    @property
    def has_records(self) -> bool:
        return bool(
            self.initial_due
            or self.annual
            or self.other_reports
            or self.article3
            or self.article4
            or self.retentions
            or self.extension_requests
        )


def state_reporting(state: Delegation, day: date) -> StateReporting | None:
    """One State's reports (with their language versions), due dates and deadlines on ``day``;
    None for an organisation."""
    if not state.is_state:
        return None
    reports = list(
        Article7Report.objects.of_state(state).prefetch_related(
            Prefetch("versions", queryset=ReportVersion.objects.order_by("language"))
        )
    )
    initial = next((r for r in reports if r.kind == Article7Report.Kind.INITIAL), None)
    by_year = {r.year: r for r in reports if r.kind == Article7Report.Kind.ANNUAL}
    eif = state.entry_into_force
    requests = list(ExtensionRequest.objects.for_listing().filter(state=state))
    by_article = analysis_group_names() if requests else {}
    for request in requests:
        request.analysis_group = by_article.get(request.article)
    annual, initial_due, initial_overdue = [], None, False
    if eif:
        initial_due = deadlines.initial_report_due(eif)
        received_on = initial.received_on if initial else None
        initial_overdue = deadlines.owes_initial_report(
            entry_into_force=eif, withdrawal_effective=state.withdrawal_effective_date
        ) and deadlines.is_overdue(initial_due, received_on, day)
        for year in reversed(owed_years(state, day)):
            report = by_year.get(year)
            due = deadlines.annual_report_due(year)
            annual.append(
                AnnualRow(year, due, report, deadlines.is_overdue(due, report and report.received_on, day))
            )
    shown = {row.report.pk for row in annual if row.report} | ({initial.pk} if initial else set())
    obligations = {}
    for model in (Article3Obligation, Article4Obligation):
        obligation = model.objects.filter(state=state).first()
        if obligation:
            obligations[model] = (obligation, deadline_of(obligation, eif, requests, day) if eif else None)
    return StateReporting(
        state=state,
        day=day,
        initial_due=initial_due,
        initial_report=initial,
        initial_overdue=initial_overdue,
        annual=annual,
        other_reports=[r for r in reports if r.pk not in shown],
        article3=obligations.get(Article3Obligation),
        article4=obligations.get(Article4Obligation),
        retentions=list(Retention.objects.filter(state=state).order_by("-year")),
        extension_requests=requests,
    )


def analysis_group_for(request: ExtensionRequest) -> AnalysisGroupOnDate | None:
    """The analysis group that considers ``request``: the one for its article, with its members
    (the coordinators of the working groups its decision names) on the date it was submitted."""
    for row in machinery_on(request.submitted_on).analysis_groups:
        if row.group.article == request.article:
            return row
    return None
