"""The one way the portal renders PDFs: a Django template rendered to HTML, then WeasyPrint.

WeasyPrint is imported lazily (it is heavy and needs Pango), and it is given a URL fetcher
that reads only files under the project's static folders: no network, no other file.
"""

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def static_base_url() -> str:
    """The base URL that print templates resolve relative links against (``pdf/print.css``)."""
    return Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnlyFetcher(URLFetcher):
        """Serves ``data:`` URIs and files inside the static roots; refuses everything else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise ValueError(f"PDF rendering may not fetch {url!r}: only the project's static files")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in _static_roots()) or not path.is_file():
                raise ValueError(f"PDF rendering may not fetch {url!r}: only the project's static files")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    return StaticFilesOnlyFetcher


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render ``template_name`` (under templates/pdf/) with ``context`` to PDF bytes."""
    html = render_to_string(template_name, context)
    return html_to_pdf(html)


# The same HTML renders to the same bytes: fontTools stamps the font subsets it embeds with the
# time of the render unless SOURCE_DATE_EPOCH fixes it (reproducible-builds.org). Without this a
# document rendered twice a second apart got two checksums, so two stored files.
REPRODUCIBLE_EPOCH = "1262304000"  # 1 January 2010, the year the Convention entered into force


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    os.environ.setdefault("SOURCE_DATE_EPOCH", REPRODUCIBLE_EPOCH)

    fetcher = _fetcher_class()(timeout=5, allow_redirects=False)
    return HTML(string=html, base_url=static_base_url(), url_fetcher=fetcher).write_pdf()
