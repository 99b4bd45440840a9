"""``makemessages`` that, given no ``--locale``, extracts for every translated language in
``settings.LANGUAGES``, so adding a language there is all `make messages` needs."""

from django.conf import settings
from django.core.management.commands import makemessages
from django.utils.translation import to_locale


def translated_locales() -> list[str]:
    """The catalogs to keep: every language but the source one (``pt-br`` → ``pt_BR``)."""
    return [to_locale(code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class Command(makemessages.Command):
    help = makemessages.Command.help + " Without --locale: every language in settings.LANGUAGES."

    def handle(self, *args: str, **options: object) -> None:
        if not options["locale"] and not options["all"]:
            options["locale"] = translated_locales()
        super().handle(*args, **options)
