"""The search page (/search/?q=) and the header box's dropdown (/search/suggest/?q=): the
same providers and counts as /api/search/ (``core.search``)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from . import search

PAGE_LIMIT = 10
KIND_LIMIT = 50
SUGGEST_LIMIT = 5


class SearchView(LoginRequiredMixin, View):
    """Every kind with its first hits and count; ``?kind=`` one kind with more of its hits."""

    def get(self, request):
        kind = request.GET.get("kind") or None
        limit = KIND_LIMIT if kind else PAGE_LIMIT
        results = search.search(request.user, request.GET.get("q"), limit=limit, kind=kind)
        context = {
            "title": _("Search"),
            "results": results,
            "kind": kind,
            "kind_label": dict(search.kinds()).get(kind, ""),
        }
        return render(request, "core/search.html", context)


class SuggestView(LoginRequiredMixin, View):
    """The dropdown under the header box (fetched by htmx as the user types)."""

    def get(self, request):
        results = search.search(request.user, request.GET.get("q"), limit=SUGGEST_LIMIT)
        return render(request, "core/includes/search_dropdown.html", {"results": results})
