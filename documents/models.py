"""Formal documents: the register of symbols, their language versions (renditions) and the
citations between them.

The tables keep the names they had when documents were part of the meetings app
(``meetings_document`` and so on): the move to this app changed no table (migration 0001)."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.choices import choice_label
from ccm_portal.lib.history import HistoricalRecords
from meetings.models import AgendaItem, Delegation, Meeting

from .symbols import Symbol, parse_symbol, validate_symbol


class StoredSearchVector(SearchVectorField):
    """A ``tsvector`` column (PostgreSQL; an unused column elsewhere). The column type and its
    ``@@`` lookup come with the field class itself; the rest of ``django.contrib.postgres``
    (hstore, unaccent...) is not needed, so its INSTALLED_APPS check is skipped."""

    def _check_postgres_installed(self, *args):
        return []


class Language(models.TextChoices):
    """The six official languages of the United Nations, in which documents are issued."""

    AR = "ar", _("Arabic")
    EN = "en", _("English")
    ES = "es", _("Spanish")
    FR = "fr", _("French")
    RU = "ru", _("Russian")
    ZH = "zh", _("Chinese")


RTL_LANGUAGES = {Language.AR}


# Long columns that lists of documents never show.
LISTING_DEFERRED = [
    "body",
    "summary",
    "notes",
    "search_vector",
    "meeting__summary",
    "meeting__notes",
    "meeting__sources",
    "meeting__logistics_note",
    "agenda_item__outcome",
]


# PostgreSQL's text search configuration for each language of the content.
SEARCH_CONFIGURATIONS = {"en": "english", "fr": "french", "es": "spanish"}


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Document.Status.PUBLISHED)

    def in_year(self, year: int):
        """Dated in ``year``, or undated with ``year`` in the symbol."""
        return self.filter(Q(date__year=year) | Q(date__isnull=True, symbol__contains=f"/{year}/"))

    def in_language(self, language: str):
        return self.filter(renditions__language=language, renditions__state=Rendition.State.READY).distinct()

    def search(self, query: str, *, vendor: str, language: str = "en"):
        """Full text over symbol, title, summary and text, in the page's ``language``: ranked
        PostgreSQL full-text search over the stored vector (which holds the English, French and
        Spanish titles and summaries, each stemmed by its own configuration, see
        services.search_vector), the query stemmed as that language stems it and also taken
        word for word; elsewhere a plain case-insensitive match over every language's text."""
        query = query.strip()
        if vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            config = SEARCH_CONFIGURATIONS.get(language, "english")
            search_query = SearchQuery(query, search_type="websearch", config=config) | SearchQuery(
                query, search_type="plain", config="simple"
            )
            return (
                self.filter(Q(search_vector=search_query) | Q(symbol__iexact=query))
                # F(): rank the stored vector itself (a bare name would be re-parsed as text).
                .annotate(rank=SearchRank(models.F("search_vector"), search_query))
                .order_by("-rank", "-date", "-pk")
            )
        words = query.split()
        matches = Q()
        for word in words:
            anywhere = Q(symbol__icontains=word) | Q(body__icontains=word)
            for code in SEARCH_CONFIGURATIONS:
                anywhere |= Q(**{f"title_{code}__icontains": word}) | Q(
                    **{f"summary_{code}__icontains": word}
                )
            matches &= anywhere
        return self.filter(matches)

    def for_listing(self):
        """What lists of documents show: the meeting and agenda item, the ready versions; not
        the texts (long) or the search vector."""
        ready = (
            Rendition.objects.filter(state=Rendition.State.READY)
            .only("id", "document_id", "language", "state")
            .order_by("language")
        )
        return (
            self.select_related("meeting", "agenda_item")
            .defer(*LISTING_DEFERRED)
            .prefetch_related(models.Prefetch("renditions", queryset=ready, to_attr="ready_renditions"))
        )

    def grouped_by_agenda_item(self, meeting: Meeting) -> list[tuple[AgendaItem | None, list["Document"]]]:
        """A meeting's documents grouped by agenda item, in agenda order; documents under no
        item come last (item None). Two queries, whatever the number of documents."""
        documents = list(
            self.filter(meeting=meeting)
            .for_listing()
            .order_by("agenda_item__order", "agenda_item__pk", "symbol", "title")
        )
        groups: dict[int | None, tuple[AgendaItem | None, list[Document]]] = {}
        for document in documents:
            groups.setdefault(document.agenda_item_id, (document.agenda_item, []))[1].append(document)
        unassigned = groups.pop(None, None)
        return list(groups.values()) + ([unassigned] if unassigned else [])


class Document(models.Model):
    """A formal document of the Convention, with its UN-style symbol (or, until it has one,
    a stable slug), its place in a meeting, and its language versions."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official document")
        WORKING_PAPER = "working_paper", _("Working paper")
        INFORMATION = "information", _("Information document")
        REPORT = "report", _("Report")
        STATEMENT = "statement", _("Statement")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Distribution(models.TextChoices):
        GENERAL = "general", _("General")
        LIMITED = "limited", _("Limited")

    class SubmittedBy(models.TextChoices):
        DELEGATIONS = "delegations", _("Delegations")
        PRESIDENT = "president", _("The President")
        COORDINATORS = "coordinators", _("Coordinators")
        ISU = "isu", _("The Implementation Support Unit")
        OTHER = "other", _("Other")

    class Relation(models.TextChoices):
        REVISION = "revision", _("Revision of")
        CORRIGENDUM = "corrigendum", _("Corrigendum to")
        ADDENDUM = "addendum", _("Addendum to")
        AMENDMENT = "amendment", _("Amendment to")

    class Generated(models.TextChoices):
        NONE = "", _("Written by staff")
        PROVISIONAL_AGENDA = "provisional_agenda", _("Provisional agenda (from the agenda items)")
        PARTICIPANTS = "participants", _("List of participants (from the participation records)")

    symbol = models.CharField(
        _("symbol"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_symbol],
        help_text=_(
            "As issued: CCM/CONF/2021/6, CCM/MSP/2024/WP.1, CCM/CONF/2015/PM.1/2/Rev.1. Empty until known."
        ),
    )
    slug = models.SlugField(
        _("address"),
        max_length=120,
        unique=True,
        help_text=_("The stable address of the document under /documents/, used while it has no symbol."),
    )
    title = models.CharField(_("title"), max_length=400)
    title_is_descriptive = models.BooleanField(
        _("title supplied by the ISU"),
        default=False,
        help_text=_("The document's own title is not recorded; the title describes it (shown in brackets)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OFFICIAL)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    submitted_by = models.CharField(_("submitted by"), max_length=20, choices=SubmittedBy.choices, blank=True)
    submitting_delegations = models.ManyToManyField(
        Delegation,
        verbose_name=_("submitting delegations"),
        blank=True,
        related_name="documents_submitted",
    )
    submitted_by_note = models.CharField(
        _("submitted by (as written)"),
        max_length=300,
        blank=True,
        help_text=_("As the document puts it, e.g. “the Coordinators on Universalization”."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    distribution = models.CharField(
        _("distribution"), max_length=10, choices=Distribution.choices, default=Distribution.GENERAL
    )
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    original_only = models.BooleanField(
        _("original language only"),
        default=False,
        help_text=_("Issued in its original language only: the masthead says “English only”."),
    )
    without_formal_editing = models.BooleanField(_("issued without formal editing"), default=False)
    advance_copy = models.BooleanField(_("advance copy"), default=False)
    editorial_note = models.CharField(_("other editorial note"), max_length=300, blank=True)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices, blank=True)
    related_to = models.ForeignKey(
        "self",
        verbose_name=_("related document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="related_documents",
        help_text=_("The document this one revises, corrects, adds to or amends."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What the document is about, in the portal's words.")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Structured text: “# Heading”, “1. Numbered paragraph”, “- item”, “(a) item”, "
            "a footnote reference “[^1]” with its text on a line “[^1]: …”, **bold**, *italic*. "
            "Symbols such as CCM/CONF/2021/6 link to the register by themselves."
        ),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Sources and remarks (public)."))
    generated = models.CharField(
        _("generated from records"), max_length=30, choices=Generated.choices, blank=True, default=""
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Maintained by services.save_document (PostgreSQL only; empty on SQLite).
    search_vector = StoredSearchVector(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_vector", "created", "updated_at"], table_name="meetings_historicaldocument"
    )
    objects = DocumentQuerySet.as_manager()

    # The translated field behind its name (ccm_portal.lib.content marks it English only).
    translated_from = {"display_title": "title", "str": "title"}

    class Meta:
        db_table = "meetings_document"
        ordering = ["-date", "symbol", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        # Also, on PostgreSQL only (created by the meetings app's migrations 0005 to 0008, when
        # documents were part of it): a GIN index on search_vector, the public list's order
        # (newest first, undated last), the latest published, and the vector kept in the row.
        indexes = [models.Index(fields=["status", "date"]), models.Index(fields=["meeting", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation="") | Q(related_to__isnull=False),
                name="document_relation_has_a_target",
                violation_error_message=_("Choose the document this one relates to."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "generated"],
                condition=~Q(generated=""),
                name="one_generated_document_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} · {self.display_title}" if self.symbol else self.display_title

    def get_absolute_url(self) -> str:
        if self.symbol:
            return reverse("documents:document-detail", kwargs={"symbol": self.symbol})
        return reverse("documents:document-detail-slug", kwargs={"slug": self.slug})

    def get_kind_display(self) -> str:  # shown in every row of the lists: see lib/choices.py
        return choice_label(self.Kind, self.kind)

    def pdf_url(self, language: str) -> str:
        if self.symbol:
            return reverse("documents:rendition-pdf", kwargs={"symbol": self.symbol, "language": language})
        return reverse("documents:rendition-pdf-slug", kwargs={"slug": self.slug, "language": language})

    def clean(self) -> None:
        errors = {}
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            errors["agenda_item"] = _("The agenda item must belong to the document's meeting.")
        if self.related_to_id and self.related_to_id == self.pk:
            errors["related_to"] = _("A document cannot relate to itself.")
        if self.relation and not self.related_to_id:
            errors["related_to"] = _("Choose the document this one relates to.")
        if self.related_to_id and not self.relation:
            errors["relation"] = _("Say how this document relates to the other one.")
        if self.status != self.Status.DRAFT and not self.title:
            errors["title"] = _("A published document needs a title.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def parsed_symbol(self) -> Symbol | None:
        return parse_symbol(self.symbol) if self.symbol else None

    @property
    def year(self) -> int | None:
        if self.date:
            return self.date.year
        return self.parsed_symbol.year if self.symbol else None

    @property
    def display_title(self) -> str:
        return f"[{self.title}]" if self.title_is_descriptive else self.title

    @property
    def reference(self) -> str:
        """How the document is named in lists: its symbol, or its title when it has none."""
        return self.symbol or self.display_title

    @property
    def file_stem(self) -> str:
        return self.parsed_symbol.filename_stem if self.symbol else self.slug

    @property
    def language_line(self) -> str:
        """The masthead's language line: “Original: English” or “English only”."""
        name = Language(self.original_language).label
        if self.original_only:
            return _("%(language)s only") % {"language": name}
        return _("Original: %(language)s") % {"language": name}

    @property
    def editorial_notes(self) -> list[str]:
        notes = []
        if self.advance_copy:
            notes.append(str(_("Advance copy")))
        if self.without_formal_editing:
            notes.append(str(_("The present document is being issued without formal editing.")))
        if self.editorial_note:
            notes.append(self.editorial_note)
        return notes

    @property
    def agenda_line(self) -> str:
        if not self.agenda_item_id or not self.agenda_item.number:
            return ""
        return _("Item %(number)s of the provisional agenda") % {"number": self.agenda_item.number}

    def cited_symbols(self) -> list[str]:
        return [c.symbol for c in self.citations.all()]

    def superseding(self):
        """Published revisions of this document: when there is one, this document is superseded."""
        return Document.objects.published().filter(related_to=self, relation=self.Relation.REVISION)


class Citation(models.Model):
    """A symbol that a document's text mentions. Kept by symbol, not by row, so that a
    document registered later is at once shown as cited. Written by the services only."""

    document = models.ForeignKey(
        Document, verbose_name=_("citing document"), on_delete=models.CASCADE, related_name="citations"
    )
    symbol = models.CharField(_("cited symbol"), max_length=80, db_index=True)
    position = models.PositiveSmallIntegerField(_("order of first mention"), default=0)

    class Meta:
        db_table = "meetings_citation"
        ordering = ["document", "position"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(fields=["document", "symbol"], name="one_citation_per_symbol"),
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.symbol}"


def rendition_upload_to(rendition: "Rendition", filename: str) -> str:
    return f"documents/{rendition.document_id}/{rendition.language}/{filename}"


class Rendition(models.Model):
    """One language version of a document: an uploaded PDF, or a PDF rendered from the text
    by a Celery task (documents.tasks, calling documents.rendering)."""

    class Source(models.TextChoices):
        RENDERED = "rendered", _("Rendered from the text")
        UPLOADED = "uploaded", _("Uploaded PDF")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="renditions"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.RENDERED)
    title = models.CharField(
        _("title in this language"), max_length=400, blank=True, help_text=_("Empty: the document's title.")
    )
    body = models.TextField(
        _("text in this language"),
        blank=True,
        help_text=_(
            "Same markup as the document's text. Empty: the document's text (original language only)."
        ),
    )
    file = models.FileField(_("PDF"), upload_to=rendition_upload_to, blank=True, max_length=300)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(_("error"), blank=True)
    generation = models.PositiveIntegerField(
        _("render request"), default=0, help_text=_("Incremented by each render request; a task renders one.")
    )
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    claimed_at = models.DateTimeField(
        _("render started at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a worker claimed the render."),
    )

    history = HistoricalRecords(excluded_fields=["claimed_at"], table_name="meetings_historicalrendition")

    class Meta:
        db_table = "meetings_rendition"
        ordering = ["document", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="one_rendition_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.document.reference} ({self.language})"

    def get_absolute_url(self) -> str:
        return self.document.pdf_url(self.language)

    def get_language_display(self) -> str:  # shown in every row of the lists: see lib/choices.py
        return choice_label(Language, self.language)

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY and bool(self.file)

    @property
    def is_rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    @property
    def filename(self) -> str:
        return f"{self.document.file_stem}_{self.language}.pdf"

    @property
    def text(self) -> str:
        """The text to render: this version's own, else the document's in its original language."""
        if self.body:
            return self.body
        return self.document.body if self.language == self.document.original_language else ""

    @property
    def display_title(self) -> str:
        return self.title or self.document.display_title

    def clean(self) -> None:
        try:
            self.document  # noqa: B018 - may be unset while a form validates
        except Document.DoesNotExist:
            return
        if self.source == self.Source.RENDERED and not self.text.strip():
            raise ValidationError(
                {"body": _("Nothing to render in this language: write its text here, or upload its PDF.")}
            )


def upload_size_limit() -> int:
    """The largest PDF staff may upload (setting DOCUMENT_UPLOAD_MAX_BYTES, default 25 MB)."""
    return int(getattr(settings, "DOCUMENT_UPLOAD_MAX_BYTES", 25 * 1024 * 1024))
