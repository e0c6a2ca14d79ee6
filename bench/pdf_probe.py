"""Time and peak memory of one PDF render, in a fresh process so its peak is its own.

    python -m bench.pdf_probe bare      # WeasyPrint alone on the HTML of the portal's print layout
    python -m bench.pdf_probe pipeline  # the portal's render of a language version, same document

Prints one JSON line: seconds, pages, bytes, peak_rss_kb (the process's peak resident set, VmHWM).

The document: a deterministic text of about 100 A4 pages in the portal's structured markup
(headings, numbered paragraphs, lists, symbols), held by an unsaved Document and its English
Rendition (nothing is written to the database). ``pipeline`` times what the render task does
to it (documents.rendering: ``build_pdf``, which renders templates/pdf/document.html
with the print context and converts it with ccm_portal.lib.pdf.html_to_pdf and its
static-files-only fetcher, then ``pdf_facts``, which reads the page count and checksum);
``bare`` builds the same HTML first (untimed) and times ``weasyprint.HTML(string=html,
base_url=<the static folder>).write_pdf()`` alone, with WeasyPrint's default fetcher.
"""

import json
import random
import resource
import sys
import time
from datetime import date

from .generators.words import SUBJECTS, paragraph, sentence

SECTIONS = 70  # about 100 A4 pages in the print layout


def document_text(seed: int = 42, sections: int = SECTIONS) -> str:
    rng = random.Random(f"{seed}:pdf")
    parts = []
    number = 0
    for section in range(1, sections + 1):
        parts.append(f"# {section}. {rng.choice(SUBJECTS).capitalize()}")
        for _ in range(6):
            number += 1
            parts.append(f"{number}. **{rng.choice(SUBJECTS).capitalize()}.** {paragraph(rng, (4, 8))}")
        parts.append("\n".join(f"({letter}) {sentence(rng)}" for letter in "abcd"))
        parts.append("\n".join(f"- {sentence(rng)}" for _ in range(3)))
    return "\n\n".join(parts) + "\n"


def rendition():
    """An unsaved document and its English version (no database row is written or read)."""
    from documents.models import Document, Rendition

    document = Document(
        symbol="CCM/MSP/2099/MISC.99999",
        slug="bench-pdf-probe",
        title="Benchmark document: a report of about one hundred pages",
        kind=Document.Kind.REPORT,
        date=date(2026, 9, 1),
        original_language="en",
        without_formal_editing=True,
        body=document_text(),
    )
    return Rendition(document=document, language="en", source=Rendition.Source.RENDERED)


def _setup():
    import django

    django.setup()


def portal_html() -> str:
    from django.template.loader import render_to_string

    from documents.rendering import PRINT_TEMPLATE, print_context

    return render_to_string(PRINT_TEMPLATE, print_context(rendition()))


def bare() -> tuple[float, bytes]:
    _setup()
    from weasyprint import HTML

    from ccm_portal.lib.pdf import static_base_url

    html = portal_html()
    started = time.perf_counter()
    pdf = HTML(string=html, base_url=static_base_url()).write_pdf()
    return time.perf_counter() - started, pdf


def pipeline() -> tuple[float, bytes]:
    _setup()
    from documents.rendering import build_pdf, pdf_facts

    version = rendition()
    started = time.perf_counter()
    pdf = build_pdf(version)
    pdf_facts(pdf)
    return time.perf_counter() - started, pdf


PIPELINES = {"bare": bare, "pipeline": pipeline}


def peak_rss_kb() -> int:
    """This process's peak resident set (VmHWM). Not getrusage's ru_maxrss: on Linux that keeps
    the high-water mark of the parent's memory copied at fork, across exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux; an upper bound


def count_pages(pdf: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def main(argv: list[str]) -> None:
    mode = argv[1] if len(argv) > 1 else "bare"
    seconds, pdf = PIPELINES[mode]()
    peak = peak_rss_kb()
    print(
        json.dumps(
            {
                "mode": mode,
                "seconds": seconds,
                "pages": count_pages(pdf),
                "bytes": len(pdf),
                "peak_rss_kb": peak,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv)
