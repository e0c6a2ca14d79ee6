"""Numbers as each language writes them; a template library every template has (TEMPLATES
"builtins" in settings). ``{{ share|percent }}`` gives "24%", "24 %" (French, with a narrow
no-break space) or "24 %" (Spanish), with the language's decimal separator; dates use the
named formats of ccm_portal/formats/."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def percent(value, digits: int = 0) -> str:
    """``value`` (a number of per cent, 24.5 for 24.5 %) rounded to ``digits`` decimals."""
    if value is None or value == "":
        return ""
    number = floatformat(value, digits)
    if not number:
        return ""
    # Translators: a percentage; French puts a narrow no-break space (U+202F) before %, Spanish a no-break space.
    return pgettext("percentage", "%(number)s%%") % {"number": number}
