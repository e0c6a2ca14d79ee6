"""A ready PDF is served as a file: its stored ETag (the SHA-256) and size, a FileResponse, or
an X-Accel-Redirect to the proxy's internal location when one is configured (issue 17)."""

import hashlib

import pytest

from documents.models import Rendition

from .conftest import make_document

pytestmark = pytest.mark.django_db
ADDRESS = "/documents/CCM/CONF/2021/6/en.pdf"


def _rendition() -> Rendition:
    make_document(symbol="CCM/CONF/2021/6", publish=True)
    return Rendition.objects.get(document__symbol="CCM/CONF/2021/6", language="en")


def test_a_ready_pdf_is_a_file_response_with_its_stored_size_and_checksum(client):
    rendition = _rendition()
    response = client.get(ADDRESS)
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    assert response["Content-Length"] == str(rendition.size) == str(len(content))
    assert response["ETag"] == f'"{rendition.checksum}"' == f'"{hashlib.sha256(content).hexdigest()}"'
    assert "X-Accel-Redirect" not in response


def test_behind_the_proxy_the_pdf_is_sent_by_x_accel_redirect(client, settings):
    settings.PDF_ACCEL_REDIRECT_LOCATION = "/protected-media/"
    rendition = _rendition()
    response = client.get(ADDRESS)
    assert response["X-Accel-Redirect"] == f"/protected-media/{rendition.file.name}"
    assert response.content == b""  # nothing read through Python: the proxy sends the file
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="CCM_CONF_2021_6_en.pdf"' in response["Content-Disposition"]
    assert response["ETag"] == f'"{rendition.checksum}"'
    assert (settings.MEDIA_ROOT / rendition.file.name).read_bytes().startswith(b"%PDF-")

    again = client.get(ADDRESS, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert "X-Accel-Redirect" not in again


def test_a_file_name_with_spaces_is_quoted_for_the_proxy(client, settings):
    settings.PDF_ACCEL_REDIRECT_LOCATION = "/protected-media"
    rendition = _rendition()
    Rendition.objects.filter(pk=rendition.pk).update(file="documents/a b/é.pdf")
    response = client.get(ADDRESS)
    assert response["X-Accel-Redirect"] == "/protected-media/documents/a%20b/%C3%A9.pdf"
