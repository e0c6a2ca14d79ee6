"""Printed layout: scripts and fonts, and the static-files-only URL fetcher."""

import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ccm_portal.lib.pdf import html_to_pdf
from documents.models import Rendition

from .conftest import committed, make_document, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db

VERSIONS = {
    "ar": ("وثيقة تجريبية", "1. تتألف آلية الاتفاقية من عدة عناصر.\n2. الفقرة الثانية.", "Arabic"),
    "ru": (
        "Пробный документ",
        "1. Механизм Конвенции состоит из нескольких элементов.\n2. Второй пункт.",
        "Noto-Serif",
    ),
    "zh": ("试验文件", "1. 公约的机制由若干要素组成。\n2. 第二段。", "CJK"),
}


@pytest.mark.parametrize("language", ["ar", "ru", "zh"])
def test_arabic_russian_and_chinese_versions_render_with_fonts_that_hold_their_glyphs(language):
    title, body, font = VERSIONS[language]
    document = make_document(symbol="CCM/MSP/2026/INF.1", original_language="en", publish=True)
    with committed():
        rendition = Rendition.objects.create(document=document, language=language, title=title, body=body)
        from documents import services

        services.request_render(rendition)
    rendition.refresh_from_db()
    assert rendition.state == Rendition.State.READY, rendition.error
    content = rendition.file.read()
    fonts = pdf_fonts(content)
    assert any(font in name for name in fonts), fonts
    text = pdf_text(content)
    assert "CCM/MSP/2026/INF.1" in text
    # The words come back out of the PDF: each glyph maps to its character (no missing glyphs).
    for word in body.split("\n")[0].split()[1:3]:
        assert word.strip("。.") in text.replace(" ", "") or word in text, (word, text)


def test_arabic_is_laid_out_right_to_left(meeting):
    from django.template.loader import render_to_string

    from documents import rendering

    document = make_document(symbol="CCM/MSP/2026/INF.2")
    rendition = Rendition(document=document, language="ar", body=VERSIONS["ar"][1])
    html = render_to_string("pdf/document.html", rendering.print_context(rendition))
    assert '<html lang="ar" dir="rtl">' in html


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        type(self).hits.append(self.path)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", "file:///etc/hostname")
            self.end_headers()
            return
        body = b'body::after { content: "LEAKED-FROM-HTTP"; }'
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_probe():
    _Recorder.hits = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Recorder.hits
    server.shutdown()


def test_pdf_rendering_fetches_nothing_outside_the_static_files(tmp_path, http_probe):
    base, hits = http_probe
    outside = tmp_path / "secret.css"
    outside.write_text('body::after { content: "LEAKED-FROM-FILE"; }')
    image = tmp_path / "secret.svg"
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>LEAKED-SVG</text></svg>')
    html = f"""<html><head>
      <link rel="stylesheet" href="pdf/print.css">
      <link rel="stylesheet" href="{outside.as_uri()}">
      <link rel="stylesheet" href="{base}/style.css">
      <link rel="stylesheet" href="{base}/redirect.css">
      <link rel="stylesheet" href="../../../../../../{outside}">
      </head><body><p>Probe page</p>
      <img src="{image.as_uri()}" alt=""><img src="file:///etc/passwd" alt="">
      <img src="{base}/image.png" alt=""></body></html>"""
    content = html_to_pdf(html)
    text = pdf_text(content)
    assert content.startswith(b"%PDF-") and "Probe page" in text
    assert "LEAKED" not in text
    assert hits == []  # not one request reached the HTTP server, redirect included
    # The project's own static file was read: the print stylesheet's fonts are in use.
    assert any("Noto-Serif" in name for name in pdf_fonts(content))


def test_the_same_html_renders_to_the_same_bytes_whenever_it_is_rendered():
    """A render repeated later (a retry, a task delivered twice) stores the same file: the font
    subsets carry no render time (SOURCE_DATE_EPOCH, ccm_portal/lib/pdf.py)."""
    html = '<html lang="fr"><body><p>Assistance aux victimes – Plan d’action de Lausanne</p></body></html>'
    first = html_to_pdf(html)
    time.sleep(1.1)
    assert html_to_pdf(html) == first
