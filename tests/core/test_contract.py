"""Every audited model keeps the generic contract (tests/contract.py) or is exempted there
with its reason: a new ChangeLoggedModel with neither fails here."""

import importlib
import importlib.util
import pkgutil

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from gaoxin.core.models import ChangeLoggedModel, ObjectChange
from tests.contract import EXEMPT, Declaration


def audited_models() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, ChangeLoggedModel) and model.__module__.startswith("gaoxin.")
    }


def declarations(base=Declaration):
    for cls in base.__subclasses__():
        yield cls
        yield from declarations(cls)


def covered_models() -> set[str]:
    """Models of the contract classes in tests/<app>/test_contract.py (imported here, so the
    answer does not depend on which test files this worker collected)."""
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg and importlib.util.find_spec(f"tests.{info.name}.test_contract"):
            importlib.import_module(f"tests.{info.name}.test_contract")
    return {cls.model._meta.label for cls in declarations() if cls.model is not None}


def test_every_audited_model_is_covered_or_exempted():
    covered = covered_models()
    assert sorted(audited_models() - covered - set(EXEMPT)) == []
    assert sorted(covered & set(EXEMPT)) == []
    assert sorted(set(EXEMPT) - audited_models()) == []


def page_patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from page_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def served_model(callback):
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    queryset = getattr(view, "queryset", None)
    return queryset.model if queryset is not None else getattr(view, "model", None)


def test_no_page_or_api_route_serves_an_exempted_model():
    """Outside the admin, an exempted model is never the object of a generic page or viewset."""
    served = {
        (route, served_model(callback)._meta.label)
        for route, callback in page_patterns(get_resolver().url_patterns)
        if served_model(callback) is not None
    }
    assert sorted((route, label) for route, label in served if label in EXEMPT) == []


SHOWN = [(label, name, args) for label, exempt in EXEMPT.items() for name, args in exempt.shown_by]


@pytest.mark.parametrize(
    ("label", "name", "args"), SHOWN, ids=[f"{label}-{name}" for label, name, _ in SHOWN]
)
def test_the_pages_that_show_an_exempted_model_are_read_only(client, world, label, name, args):
    url = reverse(name, args=args(world))
    changes = ObjectChange.objects.count()
    client.force_login(world.leader)
    assert client.get(url).status_code == 200
    client.force_login(world.admin)
    assert client.post(url, {"name": "改名"}).status_code == 405
    assert ObjectChange.objects.count() == changes
