"""Time and peak memory of one PDF render, in a fresh process so its peak is its own.

    python -m bench.pdf_probe bare      # WeasyPrint alone: HTML(string=html).write_pdf()
    python -m bench.pdf_probe pipeline  # the portal's pipeline (PIPELINES below) on the same HTML

Prints one JSON line: seconds, pages, bytes, peak_rss_kb (the process's peak resident set, VmHWM).
The HTML is a deterministic document of about 100 A4 pages built from the generators' words.
When the document models land, add the portal's real rendering path to ``PIPELINES``
(e.g. the function a rendition task calls) and point ``make bench`` at it.
"""

import json
import random
import resource
import sys
import time

from .generators import SUBJECTS, paragraph

SECTIONS = 75  # about 100 A4 pages


def document_html(seed: int = 42, sections: int = SECTIONS) -> str:
    rng = random.Random(f"{seed}:pdf")
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Benchmark document</title>",
        "<style>@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) } }"
        " body { font-family: serif; font-size: 11pt; line-height: 1.4 }"
        " table { border-collapse: collapse; width: 100% } td, th { border: 1px solid #999; padding: 2pt }"
        "</style></head><body><h1>Benchmark document CCM/BENCH/1</h1>",
    ]
    number = 0
    for section in range(1, sections + 1):
        parts.append(f"<h2>{section}. {rng.choice(SUBJECTS).capitalize()}</h2>")
        for _ in range(6):
            number += 1
            parts.append(f"<p><strong>{number}.</strong> {paragraph(rng, (4, 8))}</p>")
        parts.append("<table><caption>Figures</caption><tr><th scope='col'>Region</th>")
        parts.append("<th scope='col'>Reported</th><th scope='col'>Pending</th></tr>")
        for region in ("Africa", "Americas", "Asia/Pacific", "Europe"):
            parts.append(
                f"<tr><td>{region}</td><td>{rng.randint(0, 40)}</td><td>{rng.randint(0, 9)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def bare(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def pipeline(html: str) -> bytes:
    import django

    django.setup()
    from ccm_portal.lib.pdf import html_to_pdf

    return html_to_pdf(html)


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
    html = document_html()
    render = PIPELINES[mode]
    started = time.perf_counter()
    pdf = render(html)
    seconds = time.perf_counter() - started
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
