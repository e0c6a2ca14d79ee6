"""Demonstration records of the embedded default (called by ``create_demo_accounts``, which
refuses to run when DEBUG is off), so that a newcomer sees the reporting pages filled.

Every record is invented and says so (``DEMO_NOTE`` in its source note and notes; the pages show a
banner while such records exist): reports of every State Party whose entry into force is known,
received on time up to 2024; the reports for 2025 of one State in five not received by 1 May
2026; Article 4 obligations of two States, one with no report for 2024 and 2025 (so on the
President's mandate list) and one that reported for 2025 (so not); an Article 3 obligation; an
Article 4 extension granted at the 12MSP and one pending before the Third Review Conference."""

from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from ccm_portal.lib.pdf import render_pdf
from meetings.models import Delegation, Meeting
from meetings.treaty import TreatyStatus

from . import deadlines
from .models import (
    DEMONSTRATION_NOTE,
    Article3Obligation,
    Article4Obligation,
    Article7Report,
    ExtensionRequest,
    ReportVersion,
)

DEMO_NOTE = DEMONSTRATION_NOTE
DEMO_DAY = date(2026, 5, 1)
SILENT = "LAO"  # Article 4 obligations, no report for 2024 and 2025: on the mandate list
REPORTING = "IRQ"  # Article 4 obligations, reported for 2025: not on the list
STOCKPILE = "PER"  # an Article 3 obligation


def exists() -> bool:
    return Article7Report.objects.filter(source_note=DEMO_NOTE).exists()


def _annual(state: Delegation, year: int, received_on: date) -> Article7Report:
    return Article7Report(
        state=state,
        kind=Article7Report.Kind.ANNUAL,
        year=year,
        received_on=received_on,
        source_note=DEMO_NOTE,
        notes=DEMO_NOTE,
    )


@transaction.atomic
def create() -> None:
    if not settings.DEBUG:  # never outside the embedded default
        return
    if exists():
        return
    parties = [
        state
        for state in Delegation.objects.states().order_by("name")
        if state.status_on(DEMO_DAY) == TreatyStatus.STATE_PARTY and state.entry_into_force
    ]
    if not parties:
        return
    by_iso = {state.iso3: state for state in parties}
    reports = []
    for index, state in enumerate(parties):
        eif = state.entry_into_force
        reports.append(
            Article7Report(
                state=state,
                kind=Article7Report.Kind.INITIAL,
                received_on=deadlines.initial_report_due(eif) - timedelta(days=10),
                source_note=DEMO_NOTE,
                notes=DEMO_NOTE,
            )
        )
        for year in range(deadlines.FIRST_REPORTING_YEAR, 2026):
            if not deadlines.owes_annual_report(year, entry_into_force=eif):
                continue
            if state.iso3 == SILENT and year >= 2024:
                continue
            if year == 2025 and state.iso3 != REPORTING and index % 5 == 0:
                continue
            reports.append(_annual(state, year, date(year + 1, 4, 15 if year < 2025 else 20)))
    Article7Report.objects.bulk_create(reports)

    sample = next((r for r in reports if r.kind == Article7Report.Kind.ANNUAL and r.year == 2025), None)
    if sample is not None:
        version = ReportVersion(report=sample, language="en")
        pdf = render_pdf("pdf/reporting/demo_report.html", {"state": sample.state, "year": sample.year})
        version.file.save("demo.pdf", ContentFile(pdf), save=False)
        version.size = len(pdf)
        version.save()

    for iso3 in (SILENT, REPORTING):
        if iso3 in by_iso:
            Article4Obligation.objects.create(
                state=by_iso[iso3], areas="Demonstration areas.", source_note=DEMO_NOTE, notes=DEMO_NOTE
            )
    if STOCKPILE in by_iso:
        Article3Obligation.objects.create(state=by_iso[STOCKPILE], source_note=DEMO_NOTE, notes=DEMO_NOTE)
    msp12 = Meeting.objects.filter(code="12MSP").first()
    rc3 = Meeting.objects.filter(code="3RC").first()
    if REPORTING in by_iso and msp12:
        eif = by_iso[REPORTING].entry_into_force
        ExtensionRequest.objects.create(
            state=by_iso[REPORTING],
            article=4,
            submitted_on=date(2024, 3, 1),
            period_months=60,
            deciding_meeting=msp12,
            decision=ExtensionRequest.Decision.GRANTED,
            decision_symbol="DEMO/MSP/2024/1",
            decision_paragraph="1",
            new_deadline=deadlines.add_years(eif, deadlines.ARTICLE_4_YEARS + 5),
            source_note=DEMO_NOTE,
            notes=DEMO_NOTE,
        )
    if SILENT in by_iso and rc3:
        ExtensionRequest.objects.create(
            state=by_iso[SILENT],
            article=4,
            submitted_on=date(2026, 3, 15),
            period_months=60,
            deciding_meeting=rc3,
            source_note=DEMO_NOTE,
            notes=DEMO_NOTE,
        )
