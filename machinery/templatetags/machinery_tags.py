from django import template

from ..offices import offices_held_by

register = template.Library()


@register.inclusion_tag("machinery/_offices_held.html")
def offices_held(delegation):
    """The offices a delegation has held: ``{% load machinery_tags %}{% offices_held delegation %}``."""
    return {"held": offices_held_by(delegation)}
