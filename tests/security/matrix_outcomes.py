"""The outcomes of the permission matrix (tests/security/test_url_matrix.py): roles, what an
answer may be (a status, a sign-in redirect, a redirect elsewhere), one address's entry, and
helpers that build addresses from the world."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.test.utils import override_settings
from django.urls import reverse

from .url_world import (
    World,
    walk,
)

# The URLconf as production loads it (DEBUG off; see UNREACHABLE for what DEBUG adds).
with override_settings(DEBUG=False):
    PATTERNS = list(walk())


PDF = "%PDF-"
DOCX = "PK\x03\x04"  # a .docx is a ZIP archive

ROLES = ("anonymous", "fp_a", "fp_b", "staff", "superuser")
METHODS = ("get", "post")


# --- outcomes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    """A 302 to a sign-in page whose ``next`` is the address asked for."""

    page: str

    def __repr__(self) -> str:
        return f"302 to {self.page}?next=..."


@dataclass(frozen=True)
class To:
    """A 302 to ``target``: an address, or a function of the world giving one."""

    target: str | Callable[[World], str]

    def address(self, world: World) -> str:
        return self.target(world) if callable(self.target) else self.target


LOGIN = SignIn("/accounts/login/")
ADMIN_LOGIN = SignIn("/admin/login/")
REAUTH = SignIn("/accounts/reauthenticate/")
HOME = To("/")
MFA_SETUP = "/accounts/2fa/totp/activate/"

# Outcomes per role, in the order of ROLES.
PUBLIC = (200,) * 5
NOT_ALLOWED = (405,) * 5
SIGNED_IN = (LOGIN, 200, 200, 200, 200)
SIGNED_IN_405 = (LOGIN, 405, 405, 405, 405)
ISU = (LOGIN, 404, 404, 200, 200)
ISU_405 = (LOGIN, 404, 404, 405, 405)


def owner_only(outcome) -> tuple:
    """Mexico's focal point gets ``outcome``; Chile's and the ISU get a 404 (nothing leaks)."""
    return (LOGIN, outcome, 404, 404, 404)


def admin_only(staff, superuser=None) -> tuple:
    """Non-staff go to the admin's sign-in page."""
    return (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, staff, staff if superuser is None else superuser)


@dataclass(frozen=True)
class Entry:
    """One address of the matrix: how to build it from the world, the outcome of a GET and of
    a POST for each role, the POST's body, and a text that the answers with a 2xx or 4xx page
    (not 403/404/405) must show (PDF or DOCX: the body starts with that file signature)."""

    address: Callable[[World], str]
    get: tuple
    post: tuple
    data: dict | Callable[[World], dict] = field(default_factory=dict)
    shows: str | Callable[[World], str] = ""

    def outcome(self, method: str, role: str):
        return getattr(self, method)[ROLES.index(role)]

    def body(self, world: World) -> dict:
        return self.data(world) if callable(self.data) else self.data

    def text(self, world: World) -> str:
        return self.shows(world) if callable(self.shows) else self.shows


def url(name: str, *args, **kwargs) -> Callable[[World], str]:
    """An address by name, with arguments that may be functions of the world."""

    def build(world: World) -> str:
        return reverse(
            name,
            args=[a(world) if callable(a) else a for a in args],
            kwargs={k: v(world) if callable(v) else v for k, v in kwargs.items()},
        )

    return build


def submission_pk(w: World) -> int:
    return w.submission.pk


def submission_url(w: World) -> str:
    return reverse("submissions:submission-detail", args=[w.submission.pk])


def set_password_url(w: World) -> str:
    return reverse(
        "account_reset_password_from_key", kwargs={"uidb36": w.reset_uidb36, "key": "set-password"}
    )


def isu_detail_url(w: World) -> str:
    return reverse("submissions:isu-submission-detail", args=[w.submission.pk])


def registration_slug(w: World) -> str:
    return w.meeting.slug


def registration_detail_url(w: World) -> str:
    return reverse("registration:registration-detail", args=[w.meeting.slug])


def registration_isu_url(w: World) -> str:
    return reverse("registration:isu-list", args=[w.meeting.slug])


ADMIN_HEADER = "CCM Portal administration"
