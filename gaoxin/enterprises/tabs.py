"""The tabs of an enterprise's page (一企一档): its own records and what the apps above keep
about it (monthly values, projects, chain nodes, leads …).

Enterprises is a low layer, so the apps that know the records register their tab here
(``register`` in their ``enterprise_tabs.py``, imported by their ``ready()``), as
``chains.leads`` or ``core.search`` providers do. Every tab reads its rows through its model's
``visible_to(user)``: an enterprise user sees only the firm's own rows, and a tab of a model
the user may not view is not offered (its URL answers 403; another firm's page is a 404 first).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from gaoxin.core.permissions import perm_name


@dataclass(frozen=True)
class EnterpriseTab:
    """One tab: ``rows(enterprise, user)`` is the scoped queryset the count and the page read;
    the page is ``table`` (a django-tables2 table of the rows) or ``template`` with
    ``context(enterprise, rows)``; ``empty`` says there is nothing (and where it would come from)."""

    code: str
    label: str
    model: type
    rows: Callable
    empty: str
    order: int = 100
    table: type | None = None
    exclude: tuple[str, ...] = ("enterprise",)
    template: str | None = None
    context: Callable | None = field(default=None, compare=False)
    # The firm's dossier (portal): the first rows as cards, these fields each, and a link.
    card_fields: tuple[str, ...] = ()
    card_link: Callable | None = field(default=None, compare=False)  # enterprise → (label, url)
    card_rows: Callable | None = field(default=None, compare=False)  # (enterprise, user) → rows; else rows

    def allowed(self, user) -> bool:
        return user.has_perm(perm_name(self.model, "view"))


_TABS: dict[str, EnterpriseTab] = {}


def register(tab: EnterpriseTab) -> EnterpriseTab:
    _TABS[tab.code] = tab
    return tab


def registered(user) -> list[EnterpriseTab]:
    """The tabs ``user`` may read, in their order."""
    return sorted((t for t in _TABS.values() if t.allowed(user)), key=lambda t: (t.order, t.code))


def tab_for(code: str, user) -> EnterpriseTab:
    """The tab named in a URL: unknown is a 404 (``KeyError`` → the view), not allowed a 403."""
    tab = _TABS[code]
    if not tab.allowed(user):
        raise PermissionDenied
    return tab


# --- corrections (更正) ------------------------------------------------------------------------
# The fields a firm may ask the zone to correct, per model, and the department that owns them.
# Registered by the app that keeps the model (like the tabs); read by the portal's corrections.


@dataclass(frozen=True)
class Correctable:
    """``fields`` of ``model`` a firm may ask to correct; ``owner(obj)`` the department that
    answers (None: the 信息更正 category's department); ``firm`` the lookup to the firm."""

    model: type
    fields: tuple[str, ...]
    owner: Callable | None = field(default=None, compare=False)
    firm: str = "enterprise_id"

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def department(self, obj):
        return self.owner(obj) if self.owner else None


_CORRECTABLE: dict[str, Correctable] = {}


def correctable(model, fields, *, owner=None, firm="enterprise_id") -> Correctable:
    spec = Correctable(model=model, fields=tuple(fields), owner=owner, firm=firm)
    _CORRECTABLE[spec.label] = spec
    return spec


def correctable_for(label: str) -> Correctable:
    """The spec of ``app_label.model`` (``KeyError``: not correctable → a 404)."""
    return _CORRECTABLE[label.lower()]


def is_correctable(obj) -> bool:
    return obj._meta.label_lower in _CORRECTABLE
