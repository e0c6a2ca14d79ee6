"""Form widgets of the public pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A ``<select>`` rendered in Python rather than through one template per option.

    Django's Select renders every option by including a template; with hundreds of options
    (the meetings of the document filter) that is most of the page's rendering time. The
    markup is the same as Select's for a flat or grouped list of choices: the id, name and
    other attributes, ``selected`` on the current value, every value and label escaped.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)

        def option(option_value, label) -> str:
            option_value = str(option_value)
            chosen = " selected" if option_value in selected else ""
            return f'<option value="{escape(option_value)}"{chosen}>{escape(label)}</option>'

        parts = []
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                inner = "".join(option(v, label) for v, label in group_label)
                parts.append(f'<optgroup label="{escape(group_value)}">{inner}</optgroup>')
            else:
                parts.append(option(group_value, group_label))
        # Every value and label is escaped above.
        return mark_safe(f'<select name="{escape(name)}"{flatatt(final_attrs)}>{"".join(parts)}</select>')  # noqa: S308  # nosec
