"""Atom feed of newly published documents (/documents/feed/)."""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Document

FEED_SIZE = 50


class LatestDocumentsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Convention on Cluster Munitions: new documents")
    subtitle = _("Formal documents newly published in the CCM Portal.")
    link = reverse_lazy("documents:document-list")

    def items(self):
        return (
            Document.objects.published()
            .select_related("meeting")
            .order_by(F("published_at").desc(nulls_last=True), "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: Document) -> str:
        return f"{item.symbol}: {item.display_title}" if item.symbol else item.display_title

    def item_description(self, item: Document) -> str:
        parts = [item.get_kind_display()]
        if item.meeting_id:
            parts.append(str(item.meeting))
        return " · ".join(parts) + (f"\n\n{item.summary}" if item.summary else "")

    def item_link(self, item: Document) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Document):
        return item.published_at

    def item_updateddate(self, item: Document):
        return item.updated_at
