"""Strings that Django and the installed apps show to our editors and visitors, but that their
own Brazilian Portuguese or Spanish catalogs leave in English.

Nothing imports this module: it is here so that ``make messages`` extracts these strings into
``locale/``, where translators give them a translation. Django reads the project's catalogs
(``LOCALE_PATHS``) before the apps' own, so ours fill the gaps, for both languages (where one
of them already had a translation, ours replaces it, in the wording the rest of the site
uses). ``tests/editorial/test_admin_language.py`` renders the admin in both languages and
fails on any library string still shown in English, so a library upgrade that adds one
is caught.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# Django 6.1: the empty choice of every <select> (new in 6.1; no pt_BR or es entry yet).
DJANGO = [
    gettext_noop("- Select an option -"),
]

# The admin: the actions button, the page title on a form with errors, the headings that
# screen readers announce, and the delete confirmations (missing from Django's es catalog).
ADMIN = [
    gettext_noop("Run"),
    gettext_noop("Error:"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of "
        "the following related items will be deleted:"
    ),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
]

# django-import-export: the salary bands' import and export pages.
IMPORT_EXPORT = [
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop("Select all"),
    gettext_noop("Resource"),
    gettext_noop("Value could not be parsed."),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
]

# django-axes (login throttling): its models and their fields, which superusers see in the
# admin, and its lockout messages. It ships no Portuguese or Spanish catalog.
AXES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("Access lock out"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Logout Time"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop(
        "Account locked: too many login attempts. Contact an admin to unlock your account."
    ),
]

# django-reversion (the history): the first revision's comment, its columns and its errors.
REVERSION = [
    gettext_noop("Initial version."),
    gettext_noop("date created"),
    gettext_noop("comment"),
    gettext_noop("revision"),
    gettext_noop("revisions"),
    gettext_noop("versions"),
    gettext_noop("Could not load %(object_repr)s version - not found"),
    gettext_noop("Could not load %(object_repr)s version - incompatible version data."),
    gettext_noop("Could not load %(object_repr)s version - unknown serializer %(format)s."),
    gettext_noop("Could not save %(object_repr)s version - missing dependency."),
]
