import factory

from faqs.models import FAQ, InterviewQuestion
from tests.roles.factories import RoleFactory
from tests.sources.factories import SourceFactory


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ

    key = factory.Sequence(lambda n: f"faq-{n}")
    role = factory.SubFactory(RoleFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = factory.Faker("paragraph")
    order = factory.Sequence(lambda n: n)
    source = factory.SubFactory(SourceFactory)


class InterviewQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewQuestion
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"question-{n}")
    text = factory.Sequence(lambda n: f"Interview question {n}?")
    kind = InterviewQuestion.Kind.TECHNICAL
    order = factory.Sequence(lambda n: n)
    source = factory.SubFactory(SourceFactory)

    @factory.post_generation
    def roles(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        self.roles.set(extracted)

    @factory.post_generation
    def categories(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        self.categories.set(extracted)
