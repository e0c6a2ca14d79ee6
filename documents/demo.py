"""Demo content of the embedded default (called by ``create_demo_accounts``, which refuses to
run when DEBUG is off): one document written for the demo, published with its English PDF
rendered, so that a newcomer sees the whole pipeline from /documents/."""

from django.conf import settings
from django.utils import timezone

from accounts.models import User

from . import services
from .models import Document, Rendition

DEMO_SLUG = "portal-demonstration-document"
DEMO_TEXT = """\
# I. Purpose

1. This document exists only in the demonstration set-up of the CCM Portal. It shows how a formal \
document travels from the administration pages to the public register: staff write its text, \
publish it, and a background task renders its PDF.[^1]

2. Its text uses every feature of the markup: headings, numbered paragraphs, lists and footnotes. \
A symbol written in the text, such as CCM/CONF/2021/6, becomes a link to that document, and that \
document in turn lists this one under "Cited by".

# II. What to try

3. As ISU staff (isu@example.org), staff may:
(a) open this document in the administration pages and change a paragraph;
(b) save it, and see the English version queued, rendered and ready;
(c) add a language version, by uploading a PDF or by writing its text.

4. As a visitor, anyone may:
- search the register for a word of this text;
- download the PDF, whose masthead, numbered paragraphs and footnotes follow the layout of \
United Nations documents;
- subscribe to the feed of new documents.

[^1]: In the demonstration set-up the task runs in the web process; in production a Celery \
worker renders the PDF.
"""


def create() -> Document:
    if not settings.DEBUG:  # never outside the embedded default
        raise RuntimeError("Demo content exists only when DEBUG is on.")
    staff = User.objects.filter(email="isu@example.org").first()
    document = Document.objects.filter(slug=DEMO_SLUG).first()
    if document is None:
        document = Document(
            slug=DEMO_SLUG,
            title="Demonstration: how a formal document is published in the CCM Portal",
            kind=Document.Kind.INFORMATION,
            submitted_by=Document.SubmittedBy.ISU,
            date=timezone.localdate(),
            original_language="en",
            original_only=True,
            without_formal_editing=True,
            summary="A document written for the portal's demonstration set-up, to show the path from "
            "the administration pages to a published page with its rendered PDF.",
            body=DEMO_TEXT,
            notes="Demonstration content: not a document of the Convention.",
        )
        services.save_document(document, by=staff)
    services.publish(document, by=staff)
    rendition = document.renditions.filter(language="en").first()
    if rendition is not None and rendition.state != Rendition.State.READY:
        services.request_render(rendition)
    return document
