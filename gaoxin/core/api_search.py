"""/api/search/?q=: the global search as JSON, grouped by kind — the same providers, scope
and counts as the search page (``core.search``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import search

LIMIT_DEFAULT = 5
LIMIT_MAX = 50


class HitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    subtitle = serializers.CharField()
    url = serializers.CharField(help_text="The record's page (or the file's download)")
    extra = serializers.DictField()


class GroupSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    total = serializers.IntegerField(help_text="How many match (at most the count cap)")
    capped = serializers.BooleanField(help_text="True when more than `total` match")
    hits = HitSerializer(many=True)
    more = serializers.ListField(child=serializers.CharField(), help_text="List pages holding every match")


class ResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    hint = serializers.CharField(help_text="Why nothing is shown (query too short, nothing found)")
    groups = GroupSerializer(many=True)


def clamp_limit(value) -> int:
    try:
        return max(1, min(int(value), LIMIT_MAX))
    except (TypeError, ValueError):
        return LIMIT_DEFAULT


class SearchView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Global search",
        description=(
            "Enterprises (name, former name, credit code), key projects, leads (a confidential "
            "lead of another department by its code name only), registry companies, people and "
            "documents, as the lists show them to the caller. A query under 2 characters answers "
            "no groups and a hint."
        ),
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="The words searched (2 characters or more)"),
            OpenApiParameter("kind", OpenApiTypes.STR, description="Only this kind (e.g. enterprises)"),
            OpenApiParameter(
                "limit", OpenApiTypes.INT, description=f"Hits per kind (1–{LIMIT_MAX}, default 5)"
            ),
        ],
        responses=ResultsSerializer,
    )
    def get(self, request):
        results = search.search(
            request.user,
            request.query_params.get("q"),
            limit=clamp_limit(request.query_params.get("limit", LIMIT_DEFAULT)),
            kind=request.query_params.get("kind") or None,
        )
        return Response(ResultsSerializer(results).data)
