import factory

from sources.models import Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source document {n}")
    publisher = "Example Publisher"
    url = factory.Sequence(lambda n: f"https://example.com/source-{n}")
    kind = Source.Kind.ARTICLE
