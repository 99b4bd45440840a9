"""What the editorial tools store: when each translation was made, and from which English text."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationStamp(models.Model):
    """One translated field of one object in one language, and the English it was made from.

    ``source_digest`` is the SHA-256 of the English text at the moment the translation was saved.
    When the English changes afterwards the digests differ and the translation is listed as
    outdated on the translation work list (editorial/worklist.py) until a translator saves it
    again or marks it as still correct. Kept up to date by editorial/signals.py.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=60)
    language = models.CharField(max_length=10)
    source_digest = models.CharField(max_length=64)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("translation stamp")
        verbose_name_plural = _("translation stamps")
        default_permissions = ()
        permissions = [
            (
                "edit_source_content",
                _("Can change English text and untranslated fields (not only translations)"),
            ),
            ("view_translation_worklist", _("Can view the translation work list")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translationstamp_unique_field",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.field} [{self.language}]"
