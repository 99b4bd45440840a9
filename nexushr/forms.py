"""Form fields shared by the pages that read their query string with a form."""

import re

from django import forms
from django.core.exceptions import ValidationError

ASCII_DIGITS = re.compile(r"[0-9]+")


class AsciiIntegerField(forms.IntegerField):
    """A whole number written in ASCII digits only.

    Django's IntegerField hands the text to ``int()``, which also reads other scripts' digits
    ("٣" is 3) and signs, spaces and "3.0"; an address parameter means ASCII digits and nothing
    else (and ``str.isdigit`` would even pass "²", which ``int()`` refuses).
    """

    def to_python(self, value: object) -> int | None:
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not ASCII_DIGITS.fullmatch(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def first_error(form: forms.Form) -> str:
    """The first message of an invalid form, to show on the 400 page."""
    return next(message for messages in form.errors.values() for message in messages)
