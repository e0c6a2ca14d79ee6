"""Uploaded files are checked by the portal's one upload check (ccm_portal.lib.uploads), shared
with registration's notes verbales."""

from ccm_portal.lib.uploads import (
    ALLOWED,
    TYPE_NAMES,
    CheckedFile,
    UploadRefused,
    check_upload,
    clean_name,
    detect_type,
    max_expanded_bytes,
    max_upload_bytes,
)

__all__ = [
    "ALLOWED",
    "TYPE_NAMES",
    "CheckedFile",
    "UploadRefused",
    "check_upload",
    "clean_name",
    "detect_type",
    "max_expanded_bytes",
    "max_upload_bytes",
]
