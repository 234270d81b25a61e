"""The cockpit's panels, collected from every app (like ``todo.py`` and ``search.py``).

An app adds a panel to the leaders' cockpit (领导驾驶舱, ``goals/views.CockpitView``) in a
``cockpit.py`` module of its own::

    from gaoxin.core.cockpit import cockpit_panel

    @cockpit_panel("land_reserve", _("Land reserve"), "land/includes/cockpit_panel.html",
                   permission="land.view_parcel", order=40, icon="map")
    def land_reserve(year: int, as_of: datetime.date) -> dict | None:
        return {...}  # None (or {}) when there is nothing to show

``compute(year, as_of)`` must not depend on the reader: the cockpit caches every panel's
result with the rest of its figures per evaluation day and year under the data generation
(ADR 0015), so the value must be picklable (plain dicts, lists, Decimals, dates, model
instances). The reader is filtered afterwards by ``permission`` (a panel whose permission the
reader lacks is not shown). ``as_of`` is the zone's evaluation day (ADR 0017) — never read the
wall clock. Keep the number of queries bounded (a test per panel asserts it); the template gets
the result as ``panel`` and the year/as-of as ``year`` / ``as_of``; it renders the card only
(the cockpit wraps it in the phone fold with the title).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Panel:
    code: str
    title: str
    template: str
    compute: Callable[[int, datetime.date], dict | None]
    permission: str = ""
    order: int = 100
    icon: str = "layout-dashboard"


_PANELS: dict[str, Panel] = {}
_discovered = False


def cockpit_panel(code: str, title, template: str, permission: str = "", order: int = 100, icon: str = ""):
    """Register ``func(year, as_of) -> dict | None`` as the cockpit panel ``code``."""

    def wrap(func):
        _PANELS[code] = Panel(code, title, template, func, permission, order, icon or "layout-dashboard")
        return func

    return wrap


def panels() -> list[Panel]:
    global _discovered
    if not _discovered:
        autodiscover_modules("cockpit")
        _discovered = True
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.code))


def compute_all(year: int, as_of: datetime.date) -> list[tuple[str, dict]]:
    """Every panel's figures for (year, as_of), in order; panels with nothing to show left out.
    Cached by the caller with the rest of the cockpit's figures."""
    out = []
    for panel in panels():
        data = panel.compute(year, as_of)
        if data:
            out.append((panel.code, data))
    return out


def for_reader(user, computed: list[tuple[str, dict]]) -> list[dict]:
    """The computed panels this reader may see, with what the template needs."""
    by_code = {p.code: p for p in panels()}
    shown = []
    for code, data in computed:
        panel = by_code.get(code)
        if panel is None or (panel.permission and not user.has_perm(panel.permission)):
            continue
        shown.append(
            {"code": code, "title": panel.title, "template": panel.template, "icon": panel.icon, "data": data}
        )
    return shown
