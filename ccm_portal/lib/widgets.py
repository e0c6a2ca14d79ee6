"""Form widgets of the public pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


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
        final_attrs["name"] = name

        def options(choices):
            return format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (str(option_value), " selected" if str(option_value) in selected else "", label)
                    for option_value, label in choices
                ),
            )

        parts = []
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                parts.append(
                    format_html('<optgroup label="{}">{}</optgroup>', group_value, options(group_label))
                )
            else:
                parts.append(options([(group_value, group_label)]))
        return format_html(
            "<select{}>{}</select>", flatatt(final_attrs), format_html_join("", "{}", ((p,) for p in parts))
        )
