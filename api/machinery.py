"""/api/v1/machinery: the office holders on a date, as /machinery/ shows them, derived from the
records by machinery.on_date.machinery_on."""

from datetime import date, datetime
from typing import Literal

from django.utils import timezone
from ninja import Router, Schema

from machinery.models import (
    AnalysisGroup,
    Candidacy,
    CoordinatorMandate,
    Mandate,
    Presidency,
    PresidencyBody,
    ReportedFigure,
    SuccessionReport,
    WorkingGroup,
)
from machinery.on_date import ChainLink, machinery_on
from meetings.models import Delegation

from .base import ErrorOut, day, moment

router = Router(tags=["machinery"])

Lang = Literal["en", "fr", "es"]


class Holder(Schema):
    name: str
    iso3: str | None
    slug: str


class Source(Schema):
    symbol: str
    paragraph: str
    note: str


class Stamped(Schema):
    created: datetime
    last_modified: datetime


class PresidencyOut(Stamped):
    meeting: str
    meeting_slug: str
    state: Holder
    president_name: str
    designated_on: date | None
    term_start: date | None
    term_end: date | None
    source: Source


class Candidate(Stamped):
    state: Holder
    announced_on: date


class PresidencyChain(Schema):
    president: PresidencyOut | None
    president_designate: PresidencyOut | None
    outgoing_president: PresidencyOut | None
    next_meeting: str | None
    designate_vacant: bool
    candidates: list[Candidate]


class CommitteeMemberOut(Schema):
    role: str
    delegation: Holder | None
    detail: str
    uncertain: bool


class CoordinatorOut(Stamped):
    state: Holder
    status: str
    start: date | None
    end: date | None
    start_display: str
    end_display: str
    acceptance: str
    source: Source


class WorkingGroupOut(Schema):
    slug: str
    name: str
    short_name: str
    existed: bool | None
    gender_focal_points: bool
    coordinators: list[CoordinatorOut]
    upcoming: list[CoordinatorOut]


class AnalysisMember(Schema):
    state: Holder
    working_groups: list[str]


class AnalysisGroupOut(Schema):
    slug: str
    name: str
    article: int
    working_groups: list[str]
    members: list[AnalysisMember]


class MandateOut(Stamped):
    title: str
    summary: str
    body: str
    kind: str
    meeting: str | None
    working_groups: list[str]
    source: Source


class MachineryOut(Schema):
    on: date
    last_modified: datetime | None
    before_convention: bool
    presidency: PresidencyChain
    coordination_committee: list[CommitteeMemberOut]
    working_groups: list[WorkingGroupOut]
    coordinators_covered: bool
    coordinator_records_start: date | None
    analysis_groups: list[AnalysisGroupOut]
    vacancies: list[str]
    mandates: list[MandateOut]


def holder(delegation: Delegation | None) -> dict | None:
    if delegation is None:
        return None
    return {"name": delegation.name, "iso3": delegation.iso3, "slug": delegation.slug}


def source(record) -> dict:
    return {"symbol": record.source_symbol, "paragraph": record.source_paragraph, "note": record.source_note}


def stamps(record) -> dict:
    return {"created": record.created, "last_modified": record.last_modified}


RECORDS = (
    Presidency,
    PresidencyBody,
    Candidacy,
    SuccessionReport,
    WorkingGroup,
    CoordinatorMandate,
    AnalysisGroup,
    Mandate,
    ReportedFigure,
)


def last_change() -> datetime | None:
    """When a record of the machinery last changed (one query)."""
    first, *others = [model.objects.order_by().values("last_modified") for model in RECORDS]
    latest = first.union(*others).order_by("-last_modified")[:1]
    return latest[0]["last_modified"] if latest else None


def _presidency(link: ChainLink | None, presidency=None) -> dict | None:
    presidency = presidency or (link.presidency if link else None)
    if link is None or presidency is None:
        return None
    return {
        "meeting": link.meeting.code or link.meeting.title,
        "meeting_slug": link.meeting.slug,
        "state": holder(presidency.state),
        "president_name": presidency.president_name,
        "designated_on": presidency.designated_on,
        "term_start": link.start.exact,
        "term_end": link.end.exact,
        "source": source(presidency),
        **stamps(presidency),
    }


def _coordinator(mandate, status: str) -> dict:
    return {
        "state": holder(mandate.state),
        "status": status,
        "start": mandate.start_bounds.exact,
        "end": mandate.end_bounds.exact,
        "start_display": str(mandate.start_display),
        "end_display": str(mandate.end_display),
        "acceptance": mandate.acceptance,
        "source": source(mandate),
        **stamps(mandate),
    }


@router.get("", response={200: MachineryOut, 400: ErrorOut}, url_name="machinery")
def machinery(request, on: str | None = None, changed_since: str | None = None, lang: Lang = "en"):
    """The office holders on ?on=YYYY-MM-DD (today by default): the Presidency chain, the
    Coordination Committee, each working group's coordinators with their terms and sources, the
    analysis groups, the vacancies and the mandates in force with their source paragraph. Each
    record carries ``created`` and ``last_modified``, and ``last_modified`` says when a record of
    the machinery last changed; with ?changed_since=, the Presidencies, candidacies, coordinators
    and mandates that did not change since then are left out (null or not listed)."""
    when = day(on) or timezone.localdate()
    since = moment(changed_since)

    def changed(record):
        """The record (or its answer), or None when ?changed_since= leaves it out."""
        if since is None or record is None:
            return record
        stamp = record["last_modified"] if isinstance(record, dict) else record.last_modified
        return record if stamp >= since else None

    m = machinery_on(when)
    situation = m.presidency
    return {
        "on": when,
        "last_modified": last_change(),
        "before_convention": m.before_convention,
        "presidency": {
            "president": changed(_presidency(situation.current)),
            "president_designate": changed(_presidency(situation.next, situation.designate)),
            "outgoing_president": changed(_presidency(situation.outgoing)),
            "next_meeting": situation.next.meeting.code if situation.next else None,
            "designate_vacant": situation.designate_vacant,
            "candidates": [
                {"state": holder(c.state), "announced_on": c.announced_on, **stamps(c)}
                for c in situation.candidacies
                if changed(c)
            ],
        },
        "coordination_committee": [
            {
                "role": member.role,
                "delegation": holder(member.delegation),
                "detail": member.detail,
                "uncertain": member.uncertain,
            }
            for member in m.committee
        ],
        "working_groups": [
            {
                "slug": row.group.slug,
                "name": row.group.name,
                "short_name": row.group.short_name,
                "existed": row.existed,
                "gender_focal_points": row.gender_focal_points,
                "coordinators": [
                    _coordinator(seat.mandate, seat.status) for seat in row.seats if changed(seat.mandate)
                ],
                "upcoming": [
                    _coordinator(mandate, "not_started") for mandate in row.upcoming if changed(mandate)
                ],
            }
            for row in m.groups
        ],
        "coordinators_covered": m.coordinators_covered,
        "coordinator_records_start": m.coordinator_records_start,
        "analysis_groups": [
            {
                "slug": row.group.slug,
                "name": row.group.name,
                "article": row.group.article,
                "working_groups": [group.slug for group in row.working_groups],
                "members": [
                    {"state": holder(state), "working_groups": [g.slug for g in groups]}
                    for state, groups in row.members
                ],
            }
            for row in m.analysis_groups
        ],
        "vacancies": m.vacancies,
        "mandates": [
            {
                "title": mandate.title,
                "summary": mandate.summary,
                "body": mandate.body,
                "kind": mandate.kind,
                "meeting": mandate.meeting.code if mandate.meeting_id else None,
                "working_groups": [group.slug for group in mandate.working_groups.all()],
                "source": source(mandate),
                **stamps(mandate),
            }
            for mandate in m.mandates
            if changed(mandate)
        ],
    }
