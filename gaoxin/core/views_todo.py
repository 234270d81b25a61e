"""我的待办: the page /todo/ (every group in full, one kind paginated) and /api/todo/ (the
same groups as JSON, the same permissions: each provider reads within the caller's scope)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import todo

PAGE_SIZE = 50
API_LIMIT_MAX = 200


class TodoView(LoginRequiredMixin, View):
    """Every group with its first ``PAGE_SIZE`` items; ``?kind=`` one group page by page."""

    def get(self, request):
        kind = request.GET.get("kind") or None
        as_of = todo.evaluation_day()
        page = None
        if kind:
            page_number = self.page_number(request)
            groups = todo.for_user(request.user, as_of, limit=page_number * PAGE_SIZE, kind=kind)
            if not groups:
                raise Http404
            page = Paginator(range(groups[0].count), PAGE_SIZE).get_page(page_number)
            groups[0].items = groups[0].items[(page.number - 1) * PAGE_SIZE :]
        else:
            groups = todo.cached_for_user(request.user, limit=PAGE_SIZE)
        context = {
            "title": _("My work"),
            "groups": groups,
            "as_of": as_of,
            "total": todo.total(groups),
            "kind": kind,
            "page": page,
            "page_size": PAGE_SIZE,
        }
        return render(request, "core/todo.html", context)

    @staticmethod
    def page_number(request) -> int:
        try:
            return max(1, int(request.GET.get("page", 1)))
        except ValueError:
            return 1


class TodoItemSerializer(serializers.Serializer):
    title = serializers.CharField()
    secondary = serializers.CharField(help_text="Who and why, in names (not codes)")
    due = serializers.DateField(allow_null=True)
    days_late = serializers.IntegerField(help_text="Days past the due date on `as_of` (0: not late)")
    url = serializers.CharField()


class TodoGroupSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    count = serializers.IntegerField()
    severity = serializers.CharField(help_text="danger, warning or info")
    url_all = serializers.CharField(help_text="The list page holding every item")
    items = TodoItemSerializer(many=True)


class TodoSerializer(serializers.Serializer):
    as_of = serializers.DateField(help_text="The day the list is judged on (the zone's evaluation date)")
    total = serializers.IntegerField()
    groups = TodoGroupSerializer(many=True)


def clamp(value, default: int = todo.SHOWN) -> int:
    try:
        return max(0, min(int(value), API_LIMIT_MAX))
    except (TypeError, ValueError):
        return default


class TodoApiView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="My work (待办)",
        description=(
            "What waits for the caller on the zone's evaluation date: overdue problems, "
            "submissions to approve, data due, leads past their deadline, signings to verify, "
            "qualifications expiring within 90 days, failed imports. Groups with nothing in "
            "them are left out."
        ),
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, description="Only this group (e.g. data_due)"),
            OpenApiParameter(
                "limit", OpenApiTypes.INT, description=f"Items per group (0–{API_LIMIT_MAX}, default 5)"
            ),
        ],
        responses=TodoSerializer,
    )
    def get(self, request):
        as_of = todo.evaluation_day()
        groups = todo.for_user(
            request.user,
            as_of,
            limit=clamp(request.query_params.get("limit", todo.SHOWN)),
            kind=request.query_params.get("kind") or None,
        )
        data = {"as_of": as_of, "total": todo.total(groups), "groups": groups}
        return Response(TodoSerializer(data).data)
