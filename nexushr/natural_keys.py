"""Natural keys: the one manager every model with a natural key uses to load fixtures by it."""

from django.db import models


class NaturalKeyManager(models.Manager):
    """``get_by_natural_key`` over the lookups named when the manager is made, in the order of
    the model's ``natural_key()``: ``NaturalKeyManager("slug")``,
    ``NaturalKeyManager("role__slug", "order")``. Add QuerySet methods with
    ``NaturalKeyManager.from_queryset(MyQuerySet)("slug")``."""

    def __init__(self, *lookups: str) -> None:
        super().__init__()
        self.lookups = lookups

    def get_by_natural_key(self, *key: object) -> models.Model:
        return self.get(**dict(zip(self.lookups, key, strict=True)))
