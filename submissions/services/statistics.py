"""Statistics as of a date: the delegations whose submission stood at the end of that day, by
the category the Presidency reports, with the figures reported by others."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch

from meetings.models import Delegation

from ..models import (
    DraftVersion,
    ReportedStatistic,
    ReportingCategory,
    Submission,
    SubmissionRevision,
    end_of_day,
    reporting_category,
)


@dataclass
class Statistics:
    on: date
    counts: dict[str, int]
    delegations: dict[str, list[Delegation]]
    reported: list[ReportedStatistic]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> list[tuple[str, str, int, list[Delegation]]]:
        return [
            (value, label, self.counts[value], self.delegations[value])
            for value, label in ReportingCategory.choices
        ]


def statistics(version: DraftVersion, *, on: date) -> Statistics:
    """Delegations whose submission on ``version`` stood at the end of ``on`` (in the window's
    time zone), by the category the Presidency reports, with the figures reported by others."""
    window = getattr(version, "window", None)
    last_moment = end_of_day(on, window.tz if window else None) - timedelta(microseconds=1)
    submissions = (
        Submission.objects.filter(version=version, revisions__submitted_at__lte=last_moment)
        .distinct()
        .select_related("delegation")
        .prefetch_related(Prefetch("revisions", queryset=SubmissionRevision.objects.order_by("number")))
        .order_by("delegation__name")
    )
    delegations: dict[str, list[Delegation]] = {value: [] for value in ReportingCategory.values}
    for submission in submissions:
        if submission.standing_revision(at=last_moment) is not None:
            delegations[reporting_category(submission.delegation, on)].append(submission.delegation)
    reported = [r for r in version.reported_statistics.all() if r.as_of <= on]
    return Statistics(
        on=on,
        counts={k: len(v) for k, v in delegations.items()},
        delegations=delegations,
        reported=reported,
    )
