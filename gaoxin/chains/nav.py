"""Sidebar entries of the chain map and target lists, in the 招商 group ("attraction")."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.navigation import MenuItem, register


def _exists(url_name: str):
    """The registry pages are added by another part of the work: shown once they exist."""

    def check(user) -> bool:
        try:
            reverse(url_name)
        except NoReverseMatch:
            return False
        return True

    return check


register(
    MenuItem(
        "attraction",
        _("Industry chain map"),
        "chains:chain_list",
        "hierarchy-3",
        "chains.view_chain",
        order=50,
    ),
    MenuItem(
        "attraction",
        _("Target companies"),
        "chains:company_list",
        "building-community",
        "chains.view_registrycompany",
        check=_exists("chains:company_list"),
        order=60,
    ),
    MenuItem(
        "attraction",
        _("Import a company registry"),
        "chains:registry_import",
        "file-import",
        "chains.add_registrycompany",
        check=_exists("chains:registry_import"),
        order=70,
    ),
    MenuItem(
        "attraction",
        _("Target lists"),
        "chains:targetlist_list",
        "list-check",
        "chains.view_targetlist",
        order=80,
    ),
)
