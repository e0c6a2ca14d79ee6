"""Checking uploaded files by their content: PDF, DOCX or ODT only, within limits (attachments
of submissions, notes verbales of registrations).

The name a browser sends is data, never a path: a name with folders in it is refused, as is a
name whose extension does not match the content. Word and OpenDocument files are ZIP archives;
an archive with member paths that leave the archive, too many members or too much expanded
content (a "zip bomb") is refused without being expanded.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

ALLOWED = {"pdf": "pdf", "docx": "docx", "odt": "odt"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_MEMBERS = 2000
MAX_RATIO = 100  # expanded size / stored size, per member


def max_upload_bytes() -> int:
    return getattr(settings, "SUBMISSIONS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)


def max_expanded_bytes() -> int:
    return getattr(settings, "SUBMISSIONS_MAX_EXPANDED_BYTES", 100 * 1024 * 1024)


class UploadRefused(ValueError):
    """The file is refused; ``str(error)`` tells the person why, in words."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    file_type: str
    size: int
    sha256: str
    content: bytes


def clean_name(name: str) -> str:
    if not name or "/" in name or "\\" in name or "\x00" in name or name.strip(". ") == "" or ".." in name:
        raise UploadRefused(_("The file name “%(name)s” is not a plain file name.") % {"name": name[:80]})
    if any(ord(ch) < 32 for ch in name):
        raise UploadRefused(_("The file name contains control characters."))
    return re.sub(r"\s+", " ", name).strip()[:200]


def _inspect_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRefused(_("The file is damaged: it could not be opened.")) from None
    if len(members) > MAX_MEMBERS:
        raise UploadRefused(_("The file holds too many parts to be a text document."))
    total = 0
    for member in members:
        name = member.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            raise UploadRefused(_("The file holds a part with a path outside the document; it is refused."))
        total += member.file_size
        if (
            member.compress_size
            and member.file_size / member.compress_size > MAX_RATIO
            and member.file_size > 1_000_000
        ):
            raise UploadRefused(
                _("The file expands to far more than its size (a compressed bomb); it is refused.")
            )
    if total > max_expanded_bytes():
        raise UploadRefused(_("The file expands to more than the portal accepts; it is refused."))
    return archive


def detect_type(data: bytes) -> str | None:
    """ "pdf", "docx", "odt", or None when the content is none of them."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None
    archive = _inspect_zip(data)
    names = set(archive.namelist())
    if "mimetype" in names:
        try:
            mimetype = archive.read("mimetype").strip()
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
            raise UploadRefused(_("The file is damaged: it could not be opened.")) from None
        if mimetype == ODT_MIMETYPE and "content.xml" in names:
            return "odt"
        return None
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    return None


TYPE_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "OpenDocument (ODT)"}


def check_upload(uploaded, *, allowed: tuple[str, ...] = ("pdf", "docx", "odt")) -> CheckedFile:
    """Read and check one uploaded file; raises UploadRefused with the reason."""
    name = clean_name(getattr(uploaded, "name", "") or "")
    limit = max_upload_bytes()
    if uploaded.size is not None and uploaded.size > limit:
        raise UploadRefused(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(uploaded.size / 1048576, 1), "limit": round(limit / 1048576, 1)}
        )
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(
            _("The file is larger than the limit of %(limit)s MB.") % {"limit": round(limit / 1048576, 1)}
        )
    if not data:
        raise UploadRefused(_("The file is empty."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed:
        raise UploadRefused(
            _("Only %(types)s files are accepted.") % {"types": ", ".join(TYPE_NAMES[t] for t in allowed)}
        )
    detected = detect_type(data)
    if detected is None:
        raise UploadRefused(
            _("The file is named .%(ext)s but its content is not a %(type)s file.")
            % {"ext": extension, "type": TYPE_NAMES[extension]}
        )
    if detected != extension:
        raise UploadRefused(
            _(
                "The file is named .%(ext)s but its content is a %(type)s file; rename it or choose the right file."
            )
            % {"ext": extension, "type": TYPE_NAMES[detected]}
        )
    return CheckedFile(
        name=name, file_type=detected, size=len(data), sha256=hashlib.sha256(data).hexdigest(), content=data
    )
