"""The role page's query string: what it accepts, and the clear 400 for what it cannot mean."""

import pytest

from roles.forms import RolePageForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"kind": None, "shown": 1}),
        ({"kind": "behavioral", "page": "2"}, {"kind": "behavioral", "shown": 2}),
        ({"kind": "topic", "page": ""}, {"kind": "topic", "shown": 1}),
        ({"page": "1000"}, {"kind": None, "shown": 1000}),
        ({"utm_source": "mail"}, {"kind": None, "shown": 1}),
    ],
)
def test_parameters_that_make_sense(query, expected):
    form = RolePageForm(query)

    assert form.is_valid(), form.errors
    assert form.panel_options() == expected


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "nonsense"},
        {"kind": ""},
        {"kind": "technical\x00"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "1001"},
        {"page": "+2"},
        {"page": " 2"},
        {"page": "2.0"},
        {"page": "²"},  # str.isdigit() says yes, int() says no
        {"page": "٣"},  # Arabic-Indic three: int() reads it, an address must not
        {"page": "３"},  # fullwidth three
    ],
)
def test_parameters_that_do_not(query):
    form = RolePageForm(query)

    assert not form.is_valid()
