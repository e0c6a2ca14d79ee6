import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User
from ccm_portal.lib.backup import BackupError, backup, restore, row_counts
from meetings.models import Delegation

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip(tmp_path):
    call_command("load_ccm_data", verbosity=0)
    User.objects.create_user(email="focal@example.org", password="pw-focal-1")
    media = settings.MEDIA_ROOT
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "comments.pdf").write_bytes(b"%PDF-1.7 original")
    before = row_counts()
    mexico_before = Delegation.objects.get(iso3="MEX").name

    folder = backup(destination=tmp_path / "backups")
    assert (folder / "database.dump").stat().st_size > 0
    assert (folder / "manifest.json").exists()

    # Damage: rows gone and changed, a file changed, a file added.
    Delegation.objects.filter(region__slug="africa", meetings_hosted=None, coordinator_mandates=None).delete()
    Delegation.objects.filter(iso3="MEX").update(name="Changed")
    User.objects.all().delete()
    (media / "attachments" / "comments.pdf").write_bytes(b"overwritten")
    (media / "stray.txt").write_text("not in the backup")

    counts = restore(source=folder)
    assert counts == before
    assert Delegation.objects.get(iso3="MEX").name == mexico_before
    assert User.objects.filter(email="focal@example.org").exists()
    assert (media / "attachments" / "comments.pdf").read_bytes() == b"%PDF-1.7 original"
    assert not (media / "stray.txt").exists()


def test_restore_refuses_a_damaged_backup(tmp_path):
    User.objects.create_user(email="someone@example.org")
    folder = backup(destination=tmp_path)
    with open(folder / "database.dump", "ab") as fh:
        fh.write(b"garbage")
    with pytest.raises(BackupError, match="checksum"):
        restore(source=folder)
    assert User.objects.filter(email="someone@example.org").exists()


def test_backup_commands(tmp_path, capsys):
    User.objects.create_user(email="cmd@example.org")
    call_command("backup", output=str(tmp_path))
    folder = capsys.readouterr().out.strip()
    User.objects.all().delete()
    call_command("restore", folder, yes=True)
    assert User.objects.filter(email="cmd@example.org").exists()
    assert "Restored" in capsys.readouterr().out
