"""Labels of choices at the cost of one translation.

Django's ``get_FOO_display()`` builds a dictionary of every choice of the field on each call,
translating every label on the way; in a list of a hundred rows that is most of the page's
translation work. Models override the display methods of the fields shown in lists with
``choice_label``, which translates only the label it returns.
"""

from django.db.models import Choices


def choice_label(choices: type[Choices], value) -> str:
    """The label of ``value`` among ``choices`` (translated), or the value itself when it is
    not one of them, as ``get_FOO_display()`` does."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
