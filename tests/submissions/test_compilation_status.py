"""The compilation's state as a fragment (polled by static/js/status.js): staff only, polled while
the compilation is queued or being prepared, not once it is ready."""

import pytest

from submissions import services
from submissions.models import Compilation

from .conftest import text_of

pytestmark = pytest.mark.django_db


def test_compilation_fragment_polls_until_ready(client, staff, version):
    url = f"/submissions/isu/versions/{version.pk}/compilation/status/"
    compilation = Compilation.objects.create(version=version)
    client.force_login(staff)
    pending = client.get(url)
    assert f'data-status-url="{url}"' in pending.content.decode()
    assert "Queued" in text_of(pending)
    assert "no-store" in pending["Cache-Control"]
    assert (
        "js/status.js" in client.get(f"/submissions/isu/versions/{version.pk}/compilation/").content.decode()
    )

    services.render_compilation(compilation_id=compilation.pk)
    ready = client.get(url)
    assert "data-status-url" not in ready.content.decode()
    assert "Ready" in text_of(ready) and "CSV" in text_of(ready)


def test_compilation_fragment_is_hidden_from_focal_points(client, fp_a, version):
    client.force_login(fp_a)
    assert client.get(f"/submissions/isu/versions/{version.pk}/compilation/status/").status_code == 404


def test_requesting_a_compilation_says_what_happened(client, staff, version):
    client.force_login(staff)
    # Inside the test's transaction the task waits for a commit that never comes: still queued.
    page = client.post(f"/submissions/isu/versions/{version.pk}/compilation/", follow=True)
    assert "The compilation has been queued; this page shows when its files are ready." in text_of(page)
    assert "This page updates by itself when the files are ready." in text_of(page)
