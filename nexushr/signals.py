"""Signals for the writes Django sends none for.

``QuerySet.update``, ``bulk_update`` and ``bulk_create`` send no ``pre_save``/``post_save``;
nexushr.invalidation wraps them for the content models and sends ``bulk_write`` *before* each
such write, so a receiver can read the rows as they were and defer the rest to the commit (as
opendata.signals does for the change log). The search index's tables are not content models
(nexushr.invalidation.IGNORED_MODELS): their writes send nothing.
"""

from django.dispatch import Signal

# sender: the model; pks: the rows written (for bulk_create, sent after the write, the rows
# created); fields: the names of the fields written (every concrete field for bulk_create);
# created: True for bulk_create.
bulk_write = Signal()
