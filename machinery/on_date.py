"""The Convention's office holders on any date, derived from the records (never stored twice).

``machinery_on(day)`` reads every record it needs in a fixed number of queries and works out, for
that day: the Presidency chain (President, outgoing President, President-designate or the vacancy),
each working group's coordinators, the Coordination Committee, the analysis groups, the terms that
end within six months and the vacancies. Where the records do not reach back to the day, it says
so instead of showing other holders.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Prefetch, StringAgg, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from meetings.models import Delegation, Meeting
from meetings.treaty import CONVENTION_ENTRY_INTO_FORCE, add_months

from .models.decisions import Mandate, ReportedFigure
from .models.presidencies import (
    Candidacy,
    Presidency,
    PresidencyBody,
    SuccessionReport,
    presided_meetings,
)
from .models.working_groups import AnalysisGroup, CoordinatorMandate, TermStatus, WorkingGroup
from .terms import UNKNOWN, Bounds, close_bounds, close_display, closed_by, meeting_label

HORIZON_MONTHS = 6
COORDINATOR_FIGURE = "coordinator-states-since-committee"


@dataclass
class ChainLink:
    """One meeting of the chain with its Presidency (None: no Presidency recorded) and the term
    that Presidency runs: from the close of the previous meeting to the close of this one."""

    meeting: Meeting
    presidency: Presidency | None
    previous: Meeting | None
    number: int

    @property
    def start(self) -> Bounds:
        return close_bounds(self.previous).shifted(1) if self.previous else UNKNOWN

    @property
    def end(self) -> Bounds:
        return close_bounds(self.meeting)

    @property
    def start_display(self) -> str:
        if self.previous is None:
            return str(_("start of the term not in the records"))
        return str(
            _("from the close of the %(meeting)s (%(date)s)")
            % {"meeting": meeting_label(self.previous), "date": close_display(self.previous)}
        )

    @property
    def end_display(self) -> str:
        return str(
            _("to the close of the %(meeting)s (%(date)s)")
            % {"meeting": meeting_label(self.meeting), "date": close_display(self.meeting)}
        )


def presidency_chain() -> list[ChainLink]:
    """Every Meeting of States Parties and Review Conference in order, with its Presidency
    (one query: the Presidency is one-to-one with its meeting)."""
    meetings = presided_meetings(Meeting.objects.select_related("presidency__state__region"))
    chain = []
    previous = None
    for number, meeting in enumerate(meetings, start=1):
        presidency = getattr(meeting, "presidency", None)  # None where no Presidency is recorded
        chain.append(ChainLink(meeting=meeting, presidency=presidency, previous=previous, number=number))
        previous = meeting
    return chain


@dataclass
class PresidencySituation:
    day: date
    current: ChainLink | None = None
    current_may_have_closed: bool = False
    outgoing: ChainLink | None = None
    next: ChainLink | None = None
    designate: Presidency | None = None
    candidacies: list[Candidacy] = field(default_factory=list)
    reports: list[SuccessionReport] = field(default_factory=list)

    @property
    def president(self) -> Presidency | None:
        return self.current.presidency if self.current else None

    @property
    def outgoing_president(self) -> Presidency | None:
        return self.outgoing.presidency if self.outgoing else None

    @property
    def designation_date_unknown(self) -> bool:
        return self.designate is not None and self.designate.designated_on is None

    @property
    def designate_vacant(self) -> bool:
        return self.next is not None and self.designate is None


def presidency_situation(day: date, chain: list[ChainLink]) -> PresidencySituation:
    situation = PresidencySituation(day=day)
    index = next((i for i, link in enumerate(chain) if closed_by(link.meeting, day) is not True), None)
    if index is None:
        return situation
    situation.current = chain[index]
    situation.current_may_have_closed = closed_by(chain[index].meeting, day) is None
    if index > 0:
        situation.outgoing = chain[index - 1]
    if index + 1 < len(chain):
        situation.next = chain[index + 1]
        presidency = situation.next.presidency
        if presidency and (presidency.designated_on is None or presidency.designated_on <= day):
            situation.designate = presidency
        else:
            meeting_id = situation.next.meeting.pk
            situation.candidacies = list(
                Candidacy.objects.standing_on(day).filter(meeting_id=meeting_id).select_related("state")
            )
            situation.reports = list(
                SuccessionReport.objects.filter(meeting_id=meeting_id, as_of__lte=day).order_by("-as_of")
            )
    return situation


@dataclass
class Seat:
    """One coordinator's seat on a date."""

    mandate: CoordinatorMandate
    status: str
    co_coordinators: list[CoordinatorMandate] = field(default_factory=list)

    @property
    def uncertain(self) -> bool:
        return self.status == TermStatus.UNCERTAIN


@dataclass
class GroupOnDate:
    group: WorkingGroup
    existed: bool | None
    seats: list[Seat]
    gender_focal_points: bool
    upcoming: list[CoordinatorMandate]


@dataclass
class CommitteeMember:
    role: str
    delegation: Delegation | None
    detail: str = ""
    uncertain: bool = False


@dataclass
class AnalysisGroupOnDate:
    group: AnalysisGroup
    working_groups: list[WorkingGroup]
    members: list[tuple[Delegation, list[WorkingGroup]]]


@dataclass
class TermEnding:
    role: str
    holder: Delegation
    end: str
    certain: bool
    successor: str


@dataclass
class MachineryOnDate:
    day: date
    before_convention: bool
    chain: list[ChainLink]
    presidency: PresidencySituation
    groups: list[GroupOnDate]
    coordinator_records_start: date | None
    coordinators_covered: bool
    committee: list[CommitteeMember]
    observers: list[Delegation]
    composition_decision: Mandate | None
    analysis_groups: list[AnalysisGroupOnDate]
    ending_soon: list[TermEnding]
    vacancies: list[str]
    mandates: list[Mandate]
    bodies: list[PresidencyBody]
    coordinator_state_count: int
    reported_coordinator_figure: ReportedFigure | None

    @property
    def horizon(self) -> date:
        return add_months(self.day, HORIZON_MONTHS)


def decided_by(mandate: Mandate, day: date) -> bool:
    """Whether the meeting that took the decision had closed by ``day``."""
    bounds = close_bounds(mandate.meeting)
    return bounds.known and bounds.latest <= day


def coordinator_records_start(mandates: list[CoordinatorMandate]) -> date | None:
    starts = [m.start_bounds.earliest for m in mandates if m.start_bounds.known]
    return min(starts) if starts else None


def machinery_on(day: date) -> MachineryOnDate:
    chain = presidency_chain()
    situation = presidency_situation(day, chain)
    mandates = list(CoordinatorMandate.objects.with_related())
    groups = list(WorkingGroup.objects.select_related("established_by"))
    decisions = list(
        Mandate.objects.select_related("meeting").prefetch_related(
            "working_groups", Prefetch("observers", queryset=Delegation.objects.order_by("name"))
        )
    )
    records_start = coordinator_records_start(mandates)
    covered = records_start is not None and day >= records_start
    horizon = add_months(day, HORIZON_MONTHS)

    in_force = [d for d in decisions if decided_by(d, day)]
    focal_group_ids = {
        g.pk for d in in_force if d.kind == Mandate.Kind.GENDER_FOCAL_POINTS for g in d.working_groups.all()
    }
    compositions = [d for d in in_force if d.kind == Mandate.Kind.COMPOSITION]
    composition = compositions[-1] if compositions else None
    observers = list(composition.observers.all()) if composition else []

    # Coordinators by working group.
    by_group: dict[int, list[CoordinatorMandate]] = {}
    for mandate in mandates:
        by_group.setdefault(mandate.working_group_id, []).append(mandate)
    group_rows = []
    seats_by_group: dict[int, list[Seat]] = {}
    for group in groups:
        existed = group.existed_on(day)
        if existed is False:
            continue
        seats = []
        upcoming = []
        for mandate in by_group.get(group.pk, []):
            status = mandate.status_on(day)
            if status in (TermStatus.IN_OFFICE, TermStatus.UNCERTAIN):
                seats.append(Seat(mandate=mandate, status=status))
            elif status == TermStatus.NOT_STARTED:
                upcoming.append(mandate)
        for seat in seats:
            seat.co_coordinators = [s.mandate for s in seats if s is not seat]
        seats_by_group[group.pk] = seats
        group_rows.append(
            GroupOnDate(
                group=group,
                existed=existed,
                seats=seats,
                gender_focal_points=group.pk in focal_group_ids,
                upcoming=upcoming,
            )
        )

    # The Coordination Committee.
    committee: list[CommitteeMember] = []
    if situation.current:
        committee.append(
            CommitteeMember(
                role=str(_("President")),
                delegation=situation.president.state if situation.president else None,
                detail=str(_("Presidency of the %(meeting)s") % {"meeting": situation.current.meeting.code}),
            )
        )
    if situation.next:
        committee.append(
            CommitteeMember(
                role=str(_("President-designate")),
                delegation=situation.designate.state if situation.designate else None,
                detail=str(_("Presidency of the %(meeting)s") % {"meeting": situation.next.meeting.code}),
                uncertain=situation.designation_date_unknown,
            )
        )
    if situation.outgoing:
        committee.append(
            CommitteeMember(
                role=str(_("Outgoing President")),
                delegation=situation.outgoing_president.state if situation.outgoing_president else None,
                detail=str(_("Presidency of the %(meeting)s") % {"meeting": situation.outgoing.meeting.code}),
            )
        )
    for row in group_rows:
        for seat in row.seats:
            committee.append(
                CommitteeMember(
                    role=str(_("Coordinator")),
                    delegation=seat.mandate.state,
                    detail=str(row.group),
                    uncertain=seat.uncertain,
                )
            )
    for observer in observers:
        committee.append(CommitteeMember(role=str(_("Observer")), delegation=observer))

    # Analysis groups: the coordinators in office of the working groups the decision names.
    analysis_rows = []
    # The working groups each names, as ids in the same query (StringAgg works on every
    # database since Django 6.0), taken from the groups already loaded, in their order.
    analysis_groups = AnalysisGroup.objects.select_related("decision").annotate(
        working_group_ids=StringAgg(Cast("working_groups__id", models.CharField()), delimiter=Value(","))
    )
    for group in analysis_groups:
        named_ids = {int(pk) for pk in (group.working_group_ids or "").split(",") if pk}
        named = [working_group for working_group in groups if working_group.pk in named_ids]
        members: dict[int, tuple[Delegation, list[WorkingGroup]]] = {}
        for working_group in named:
            for seat in seats_by_group.get(working_group.pk, []):
                state = seat.mandate.state
                members.setdefault(state.pk, (state, []))[1].append(working_group)
        analysis_rows.append(
            AnalysisGroupOnDate(group=group, working_groups=named, members=list(members.values()))
        )

    # Terms ending within six months, and whether a successor is recorded.
    ending: list[TermEnding] = []
    if situation.current and situation.president:
        end = situation.current.end
        if end.known and end.earliest <= horizon:
            successor = (
                str(situation.designate.state)
                if situation.designate
                else str(_("no President-designate recorded"))
            )
            ending.append(
                TermEnding(
                    role=str(_("President")),
                    holder=situation.president.state,
                    end=str(
                        _("at the close of the %(meeting)s (%(date)s)")
                        % {
                            "meeting": situation.current.meeting.code,
                            "date": close_display(situation.current.meeting),
                        }
                    ),
                    certain=end.latest <= horizon,
                    successor=successor,
                )
            )
    for row in group_rows:
        for seat in row.seats:
            end = seat.mandate.end_bounds
            if seat.mandate.open_ended or not end.known or end.earliest > horizon:
                continue
            successors = list(row.upcoming)
            ending.append(
                TermEnding(
                    role=str(_("Coordinator, %(group)s") % {"group": row.group}),
                    holder=seat.mandate.state,
                    end=seat.mandate.end_display,
                    certain=end.latest <= horizon,
                    successor=", ".join(str(m.state) for m in successors) or str(_("no successor recorded")),
                )
            )

    # Vacancies.
    vacancies: list[str] = []
    if situation.current and not situation.president:
        vacancies.append(
            str(_("No Presidency is recorded for the %(meeting)s.") % {"meeting": situation.current.meeting})
        )
    if situation.designate_vacant:
        meeting = situation.next.meeting
        if situation.candidacies:
            vacancies.append(
                str(
                    _("Presidency of the %(meeting)s: not yet designated; candidates: %(names)s.")
                    % {
                        "meeting": meeting.code,
                        "names": ", ".join(str(c.state) for c in situation.candidacies),
                    }
                )
            )
        else:
            vacancies.append(
                str(_("Presidency of the %(meeting)s: no candidate announced.") % {"meeting": meeting.code})
            )
    if covered:
        for row in group_rows:
            if not row.seats:
                vacancies.append(
                    str(_("Working group on %(group)s: no coordinator recorded.") % {"group": row.group})
                )

    bodies = []
    if situation.president:
        bodies = [
            body
            for body in PresidencyBody.objects.filter(presidency=situation.president).prefetch_related(
                Prefetch("members", queryset=Delegation.objects.order_by("name"))
            )
            if body.announced_on is None or body.announced_on <= day
        ]

    return MachineryOnDate(
        day=day,
        before_convention=day < CONVENTION_ENTRY_INTO_FORCE,
        chain=chain,
        presidency=situation,
        groups=group_rows,
        coordinator_records_start=records_start,
        coordinators_covered=covered,
        committee=committee,
        observers=observers,
        composition_decision=composition,
        analysis_groups=analysis_rows,
        ending_soon=ending,
        vacancies=vacancies,
        mandates=in_force,
        bodies=bodies,
        coordinator_state_count=len({m.state_id for m in mandates}),
        reported_coordinator_figure=ReportedFigure.objects.filter(slug=COORDINATOR_FIGURE).first(),
    )
