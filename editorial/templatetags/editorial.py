"""Template tags for the editorial admin pages."""

from django import template

from editorial.lockout import lockout_policy as _lockout_policy

register = template.Library()


@register.simple_tag
def lockout_policy() -> dict[str, int]:
    """The login throttling rule, for the login page's explanation."""
    return _lockout_policy()
