"""Template tags for the editorial admin pages."""

from django import template

from editorial.lockout import lockout_policy as _lockout_policy

register = template.Library()


@register.simple_tag
def lockout_policy() -> dict[str, int]:
    """The login throttling rule, for the login page's explanation."""
    return _lockout_policy()


@register.inclusion_tag("editorial/worklist_summary.html", takes_context=True)
def translation_worklist_summary(context: template.Context) -> dict:
    """The work list's counts for the admin's home page (only for people who may see it)."""
    from django.conf import settings

    from editorial.permissions import VIEW_WORKLIST
    from editorial.worklist import translation_counts

    request = context.get("request")
    if request is None or not request.user.has_perm(VIEW_WORKLIST):
        return {"show": False}
    names = dict(settings.LANGUAGES)
    counts = translation_counts()
    return {
        "show": True,
        "languages": [(code, names[code], value) for code, value in counts.items()],
    }
