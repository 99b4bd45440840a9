"""Content inlines read each drop-down's list of choices once per request
(``editorial.admin.EditorialInlineMixin``); the role form's query count is in
tests/roles/test_admin.py."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from roles.admin import RequirementInline, ResponsibilityInline
from roles.models import Requirement, Responsibility, Role
from sources.models import Source
from tests.sources.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(rf: RequestFactory):
    request = rf.get("/admin/")
    request.user = get_user_model().objects.create_superuser("e", "e@example.com", "x" * 12)
    return request


def source_field(inline_class, model, request, **kwargs):
    inline = inline_class(Role, admin.site)
    return inline.formfield_for_foreignkey(model._meta.get_field("source"), request, **kwargs)


def test_inlines_picking_from_the_same_list_share_one_read_of_it(request_):
    sources = SourceFactory.create_batch(3)

    with CaptureQueriesContext(connection) as captured:
        first = source_field(ResponsibilityInline, Responsibility, request_)
        second = source_field(RequirementInline, Requirement, request_)
        labels = [label for _value, label in second.choices]

    assert len(captured) == 1
    assert list(first.choices) == list(second.choices)
    assert labels[1:] == [str(source) for source in Source.objects.all()]
    assert len(labels) == 1 + len(sources)  # the empty choice, then every source


def test_an_empty_queryset_is_left_alone(request_):
    field = source_field(
        ResponsibilityInline, Responsibility, request_, queryset=Source.objects.none()
    )

    assert [value for value, _label in field.choices] == [""]  # only the empty choice
