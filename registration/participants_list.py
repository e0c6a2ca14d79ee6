"""The list of participants of a meeting, generated from the approved registrations and issued
as a formal document of the meeting (an INF document in the register, rendered to PDF by the
documents app's pipeline through the outbox), in the languages the ISU chooses.

Grouped as the United Nations groups its lists: States Parties, signatories, States not party
(observers), the United Nations, other international organisations, the ICRC, the Cluster
Munition Coalition, other organisations; in each group the delegations in the alphabetical order
of their English names, the head of delegation first. Only members who consented to the
publication of their name are named; the others are counted."""

from datetime import date

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from documents.models import Document
from documents.services import issue_list_of_participants
from meetings.models import Delegation, Meeting
from meetings.treaty import TreatyStatus

from .models import DelegationRegistration, Participant, PublishedList
from .seating import english_name

GROUPS = [
    ("party", gettext_lazy("States Parties")),
    ("signatory", gettext_lazy("Signatories")),
    ("observer", gettext_lazy("States not party (observers)")),
    (Delegation.Category.UN_AGENCY, gettext_lazy("United Nations")),
    (Delegation.Category.INTERNATIONAL, gettext_lazy("Other international organisations")),
    (Delegation.Category.ICRC, gettext_lazy("International Committee of the Red Cross")),
    (Delegation.Category.CMC, gettext_lazy("Cluster Munition Coalition")),
    ("other", gettext_lazy("Other organisations")),
]


def group_of(delegation: Delegation, *, on: date) -> str:
    if delegation.is_state:
        status = delegation.status_on(on)
        if status == TreatyStatus.STATE_PARTY:
            return "party"
        return "signatory" if status == TreatyStatus.SIGNATORY else "observer"
    known = {key for key, _label in GROUPS}
    return delegation.category if delegation.category in known else "other"


def approved_registrations(meeting: Meeting) -> list[DelegationRegistration]:
    """The approved registrations with their members in order (head first). Two queries."""
    return list(
        DelegationRegistration.objects.for_meeting(meeting)
        .approved()
        .select_related("delegation")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.in_order()))
    )


def grouped(meeting: Meeting, *, on: date | None = None) -> list[tuple[str, list[DelegationRegistration]]]:
    """(group key, registrations in the English alphabetical order of the delegations), for
    every group that has one."""
    on = on or meeting.start_date or timezone.localdate()
    groups: dict[str, list[DelegationRegistration]] = {key: [] for key, _label in GROUPS}
    for registration in approved_registrations(meeting):
        groups[group_of(registration.delegation, on=on)].append(registration)
    return [
        (key, sorted(regs, key=lambda r: english_name(r.delegation).casefold()))
        for key, regs in groups.items()
        if regs
    ]


def _member_line(member: Participant) -> str:
    person = member.display_name
    if member.function:
        person = f"{person}, {member.function}"
    return f"{member.get_role_display()}: {person}"


def list_text(groups: list[tuple[str, list[DelegationRegistration]]], language: str) -> tuple[str, str]:
    """The title and text of the list in ``language`` (the documents' structured text)."""
    labels = dict(GROUPS)
    with translation.override(language):
        parts = []
        for key, registrations in groups:
            lines = [f"# {labels[key]}", ""]
            for registration in registrations:
                lines.append(f"**{registration.delegation.name}**")
                lines.append("")
                members = list(registration.participants.all())
                named = [m for m in members if m.consent_to_publish and m.name]
                lines.extend(f"- {_member_line(m)}" for m in named)
                others = len(members) - len(named)
                if others:
                    lines.append(
                        "- "
                        + (
                            ngettext("and %(n)s other member", "and %(n)s other members", others)
                            if named
                            else ngettext("%(n)s member", "%(n)s members", others)
                        )
                        % {"n": others}
                    )
                lines.append("")
            parts.append("\n".join(lines))
        body = "\n".join(parts) if parts else _("No registration has been approved yet.") + "\n"
        return str(_("List of participants")), body


def issue(meeting: Meeting, *, languages: list[str], by: User | None, on: date | None = None) -> Document:
    """Issue (or revise, as Rev.1, Rev.2...) the meeting's list of participants in
    ``languages`` (the first is the original). Writes: Document, Renditions (documents
    app). Queues: their renders."""
    groups = grouped(meeting)
    versions = {language: list_text(groups, language) for language in languages}
    with transaction.atomic():
        document = issue_list_of_participants(
            meeting, versions=versions, original_language=languages[0], by=by, on=on
        )
        PublishedList.objects.update_or_create(document=document, defaults={"groups": as_data(groups)})
    return document


def as_data(groups: list[tuple[str, list[DelegationRegistration]]]) -> list[dict]:
    """The list as data, in the document's order: the members who consented by name, the others
    counted (what ``list_text`` writes, without the language)."""
    result = []
    for key, registrations in groups:
        delegations = []
        for registration in registrations:
            members = list(registration.participants.all())
            named = [m for m in members if m.consent_to_publish and m.name]
            delegations.append(
                {
                    "id": registration.delegation_id,
                    "members": [
                        {"name": m.display_name, "role": m.role, "function": m.function} for m in named
                    ],
                    "others": len(members) - len(named),
                }
            )
        result.append({"key": key, "delegations": delegations})
    return result


def published_list(meeting: Meeting) -> tuple[Document, list[dict]] | None:
    """The meeting's list of participants as published (its newest issued version, public),
    with the delegations it names: (document, groups with "label" and each delegation's
    record under "delegation"). None when no list is published. Three queries."""
    snapshot = (
        PublishedList.objects.select_related("document")
        .filter(
            document__meeting=meeting,
            document__generated=Document.Generated.PARTICIPANTS,
            document__status=Document.Status.PUBLISHED,
        )
        .first()
    )
    if snapshot is None:
        return None
    ids = {d["id"] for group in snapshot.groups for d in group["delegations"]}
    delegations = Delegation.objects.in_bulk(ids)
    labels = dict(GROUPS)
    groups = [
        {
            "key": group["key"],
            "label": str(labels.get(group["key"], group["key"])),
            "delegations": [
                {**d, "delegation": delegations[d["id"]]}
                for d in group["delegations"]
                if d["id"] in delegations
            ],
        }
        for group in snapshot.groups
    ]
    return snapshot.document, groups


def current_list(meeting: Meeting) -> Document | None:
    return (
        Document.objects.filter(meeting=meeting, generated=Document.Generated.PARTICIPANTS)
        .prefetch_related("renditions")
        .first()
    )
