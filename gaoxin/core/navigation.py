"""The sidebar: fixed groups by area; each app adds its entries in its ``nav.py``.

Groups without an entry the user may open are not shown, so a module that has not been
built yet leaves no empty heading behind.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

GROUPS = [
    ("enterprise", _("Enterprises"), "building-factory-2"),
    ("economy", _("Economy"), "chart-line"),
    ("projects", _("Projects"), "crane"),
    ("attraction", _("Chains and investment"), "target-arrow"),
    ("innovation", _("Innovation"), "bulb"),
    ("policies", _("Policies"), "gift"),
    ("land", _("Land"), "map-2"),
    ("services", _("Enterprise services"), "heart-handshake"),
    ("system", _("System"), "settings"),
]


@dataclass(frozen=True)
class MenuItem:
    group: str
    label: str | Promise
    url_name: str
    icon: str = "point"
    permission: str | None = None
    check: object = None  # optional callable(user) -> bool
    order: int = 100


_items: list[MenuItem] = []
_discovered = False


def register(*items: MenuItem) -> None:
    _items.extend(items)


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("nav")
        _discovered = True


def _allowed(item: MenuItem, user) -> bool:
    if item.permission and not user.has_perm(item.permission):
        return False
    return not (item.check is not None and not item.check(user))


def menu_for(request) -> list[dict]:
    _discover()
    user = request.user
    path = request.path
    menu = []
    best = ""  # the longest menu address the page is under: only that entry is active
    for code, label, icon in GROUPS:
        entries = []
        for item in sorted((i for i in _items if i.group == code), key=lambda i: i.order):
            if not _allowed(item, user):
                continue
            url = reverse(item.url_name)
            entries.append(
                {
                    "label": item.label,
                    "url": url,
                    "url_name": item.url_name,
                    "icon": item.icon,
                    "active": False,
                }
            )
            if path.startswith(url) and len(url) > len(best):
                best = url
        if entries:
            menu.append(
                {
                    "code": code,
                    "label": label,
                    "icon": icon,
                    "entries": entries,
                }
            )
    for group in menu:
        for entry in group["entries"]:
            entry["active"] = bool(best) and entry["url"] == best
        group["active"] = any(e["active"] for e in group["entries"])
    return menu
