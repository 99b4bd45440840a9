import factory

from roles.models import CareerStep, Category, Requirement, Responsibility, Role, RoleTool, Tool
from tests.sources.factories import SourceFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")


class ToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tool
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"tool-{n}")
    name = factory.Sequence(lambda n: f"Tool {n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"role-{n}")
    title = factory.Sequence(lambda n: f"Role {n}")
    # Fixed, not Faker's random English: a random "old" or "operation" made search tests that
    # expect no match fail about one run in a hundred (the search indexes these texts).
    summary = factory.Sequence(lambda n: f"Sample summary {n}.")
    category = factory.SubFactory(CategoryFactory)
    status = Role.Status.PUBLISHED

    @factory.post_generation
    def related_roles(self, create: bool, extracted: list[Role] | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        self.related_roles.set(extracted)


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    role = factory.SubFactory(RoleFactory)
    order = factory.Sequence(lambda n: n + 1)
    source = factory.SubFactory(SourceFactory)
    text = factory.Sequence(lambda n: f"Sample responsibility {n}.")


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    role = factory.SubFactory(RoleFactory)
    order = factory.Sequence(lambda n: n + 1)
    source = factory.SubFactory(SourceFactory)
    kind = Requirement.Kind.REQUIRED
    text = factory.Sequence(lambda n: f"Sample requirement {n}.")


class CareerStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerStep
        skip_postgeneration_save = True

    role = factory.SubFactory(RoleFactory)
    order = factory.Sequence(lambda n: n + 1)
    source = factory.SubFactory(SourceFactory)
    title = factory.Sequence(lambda n: f"Step {n}")

    @factory.post_generation
    def linked_roles(self, create: bool, extracted: list[Role] | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        self.linked_roles.set(extracted)


class RoleToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleTool

    role = factory.SubFactory(RoleFactory)
    tool = factory.SubFactory(ToolFactory)
    order = factory.Sequence(lambda n: n + 1)
