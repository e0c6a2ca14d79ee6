"""Content in the page's language, and English marked as such where a translation is missing.

A template library that every template has (TEMPLATES "builtins" in settings).

``{{ meeting|in_language:"title" }}`` gives the meeting's title in the active language; when
the page is French or Spanish and the title has no translation, it gives the English text in
``<span lang="en">`` followed by "(English only)" in the page's language, never an empty field.
Only for element content: in ``<title>`` and attributes use the plain value (``meeting.title``),
which falls back to English silently. ``|in_language_lines`` does the same for texts with line breaks
(as ``|linebreaksbr``)."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

register = template.Library()

DEFAULT_LANGUAGE = "en"
STR = "str"  # the field name that stands for the object's own name (its str)


def english_only(obj, field: str) -> bool:
    """Whether the page's language is not English and the field has no text in it. A model
    names in ``translated_from`` the translated field behind a property or its ``str``
    (Document: {"display_title": "title"}; Meeting: {"str": "title"})."""
    language = (get_language() or DEFAULT_LANGUAGE).split("-")[0]
    if language == DEFAULT_LANGUAGE:
        return False
    field = getattr(obj, "translated_from", {}).get(field, field)
    localized = f"{field}_{language}"
    if obj is None or not hasattr(obj, localized):
        return False
    return not getattr(obj, localized) and bool(getattr(obj, f"{field}_{DEFAULT_LANGUAGE}", None))


def _marked(html: SafeString) -> SafeString:
    return format_html(
        '<span lang="en">{}</span> <span class="english-only">({})</span>', html, gettext("English only")
    )


def _value(obj, field: str):
    if obj is None:
        return ""
    return str(obj) if field == STR else getattr(obj, field, "")


@register.filter
def in_language(obj, field: str = "str") -> str:
    """The field's text in the page's language, or the English one marked "English only";
    without a field, the object's name (``{{ meeting|in_language }}``)."""
    value = _value(obj, field)
    if english_only(obj, field):
        return _marked(conditional_escape(value))
    return value


@register.filter
def in_language_lines(obj, field: str) -> SafeString:
    """As in_language, with the text's line breaks kept (as Django's linebreaksbr filter)."""
    value = _value(obj, field)
    html = linebreaksbr(value, autoescape=True)
    return _marked(html) if english_only(obj, field) else html
