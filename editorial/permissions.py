"""Who may change what. Translators change translations only; the rule is enforced when the
admin saves (their other fields are read-only, so the admin ignores anything posted for them),
not merely hidden in the page."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

EDIT_SOURCE = "editorial.edit_source_content"
VIEW_WORKLIST = "editorial.view_translation_worklist"


def translations_only(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for a user who may change translations but not the English text or other fields."""
    return user.is_authenticated and not user.has_perm(EDIT_SOURCE)
