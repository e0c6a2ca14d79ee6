"""Backup and restore of the database and the uploaded files.

A backup is a folder holding ``database.dump`` (pg_dump's custom format on PostgreSQL, a
SQLite database file on SQLite), ``media.tar.gz`` and ``manifest.json`` (row counts per table
and SHA-256 checksums, so a restore can be verified).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows per model table, for the manifest and for checking a restore."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = os.environ.copy()
    env.update(
        {
            "PGHOST": str(db.get("HOST") or ""),
            "PGPORT": str(db.get("PORT") or ""),
            "PGUSER": str(db.get("USER") or ""),
            "PGPASSWORD": str(db.get("PASSWORD") or ""),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    return env


def _run(command: list[str], *, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(*, destination: Path) -> Path:
    """Write a backup folder under ``destination``; returns its path. Writes files only."""
    folder = Path(destination) / timezone.now().strftime("ccm-%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    dump = folder / "database.dump"
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"], env=_pg_env())
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(dump) as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"backups of {connection.vendor} are not supported")

    media_root = Path(settings.MEDIA_ROOT)
    archive = folder / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
    manifest = {
        "created": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "rows": row_counts(),
        "files": {name: _sha256(folder / name) for name in ("database.dump", "media.tar.gz")},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def restore(*, source: Path) -> dict[str, int]:
    """Replace the database and the uploaded files with a backup's; returns the row counts
    after the restore, checked against the manifest. Writes the database and MEDIA_ROOT."""
    folder = Path(source)
    manifest = json.loads((folder / "manifest.json").read_text())
    for name, checksum in manifest["files"].items():
        if _sha256(folder / name) != checksum:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"this backup is of {manifest['vendor']}, the database is {connection.vendor}")

    dump = folder / "database.dump"
    if connection.vendor == "postgresql":
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={_pg_env()['PGDATABASE']}",
                str(dump),
            ],
            env=_pg_env(),
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(dump) as source_db:
            source_db.backup(connection.connection)
        source_db.close()

    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as tar:
        members = [m for m in tar.getmembers() if m.name == "media" or m.name.startswith("media/")]
        for member in members:
            member.name = member.name.removeprefix("media").lstrip("/") or "."
        tar.extractall(media_root, members=members, filter="data")

    counts = row_counts()
    if counts != manifest["rows"]:
        differing = {
            k: (manifest["rows"].get(k), counts.get(k))
            for k in counts
            if counts.get(k) != manifest["rows"].get(k)
        }
        raise BackupError(f"row counts differ after the restore: {differing}")
    return counts
