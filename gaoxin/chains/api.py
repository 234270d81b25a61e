"""REST API of the chain map:

- ``/api/chains/`` — chains (read-only; administrators keep them in the admin);
- ``/api/chain-nodes/`` — nodes with their coverage (confirmed and suggested local firms,
  targets, leads by stage, status strong/weak/gap/no_target): three aggregate queries per
  page, whatever its size (``?chain=``, ``?segment=``);
- ``/api/registry-companies/`` — the outside registry, read-only, paginated; ``?node=<id>``
  the companies classified onto a node (with ``region``, ``capital_min``, ``established_after``);
- ``/api/target-lists/`` — target lists with their targets (clerks create and change).

Enterprise users have no chains permission: 403 on the lists, 403 on any object.
"""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import serializers

from gaoxin.core.api import ReadOnlyScopedViewSet, ScopedModelSerializer, ScopedModelViewSet

from . import services
from .filters import ChainFilterSet, ChainNodeFilterSet, RegistryCompanyFilterSet, TargetListFilterSet
from .models import Chain, ChainNode, RegistryCompany, Target, TargetList


class ChainSerializer(serializers.ModelSerializer):
    lead_industry_name = serializers.CharField(source="lead_industry.name", read_only=True, allow_null=True)

    class Meta:
        model = Chain
        fields = [
            "id",
            "code",
            "name",
            "lead_industry",
            "lead_industry_name",
            "description",
            "version",
            "sort_order",
        ]


class ChainViewSet(ReadOnlyScopedViewSet):
    """Industry chains (产业链)."""

    queryset = Chain.objects.select_related("lead_industry")
    serializer_class = ChainSerializer
    filterset_class = ChainFilterSet
    ordering_fields = ["sort_order", "code", "name"]


class CoverageSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField(help_text="Confirmed local enterprises")
    suggested = serializers.IntegerField(help_text="Local enterprises suggested, not confirmed")
    targets = serializers.IntegerField()
    leads = serializers.IntegerField(help_text="Leads on the node, terminated ones not counted")
    leads_by_stage = serializers.DictField(child=serializers.IntegerField())
    status = serializers.ChoiceField(choices=services.Coverage.choices)
    status_label = serializers.CharField()


class ChainNodeSerializer(serializers.ModelSerializer):
    coverage = serializers.SerializerMethodField()

    class Meta:
        model = ChainNode
        fields = [
            "id",
            "chain",
            "parent",
            "code",
            "name",
            "segment",
            "keywords",
            "excluded_keywords",
            "industry_codes",
            "description",
            "coverage",
        ]

    def get_coverage(self, node) -> CoverageSerializer:
        cover = self.context.get("coverage", {}).get(node.pk) or services.coverage([node.pk])[node.pk]
        return CoverageSerializer(cover).data


class ChainNodeViewSet(ReadOnlyScopedViewSet):
    """Chain nodes with their coverage (强 strong / 弱 weak / 缺 gap / 无目标 no_target)."""

    queryset = ChainNode.objects.all()
    serializer_class = ChainNodeSerializer
    filterset_class = ChainNodeFilterSet
    ordering_fields = ["chain", "sort_order", "code"]

    def get_serializer(self, *args, **kwargs):
        instance = args[0] if args else kwargs.get("instance")
        if instance is not None:
            nodes = instance if isinstance(instance, list | tuple) else [instance]
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["coverage"] = services.coverage([n.pk for n in nodes])
        return super().get_serializer(*args, **kwargs)


class RegistryCompanySerializer(serializers.ModelSerializer):
    class Meta:
        model = RegistryCompany
        fields = [
            "id",
            "uscc",
            "name",
            "region_code",
            "registered_capital",
            "established",
            "scope",
            "products",
        ]


class RegistryCompanyViewSet(ReadOnlyScopedViewSet):
    """The outside company registry (read-only). ``?node=<id>``: classified onto the node."""

    queryset = RegistryCompany.objects.all()
    serializer_class = RegistryCompanySerializer
    filterset_class = RegistryCompanyFilterSet
    ordering_fields = ["name", "registered_capital", "established"]


class ChainTargetSerializer(serializers.ModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)
    added_by_name = serializers.CharField(source="added_by.username", read_only=True, allow_null=True)

    class Meta:
        model = Target
        fields = ["id", "company", "company_name", "node", "note", "added_by", "added_by_name", "created_at"]


class TargetListSerializer(ScopedModelSerializer):
    targets = ChainTargetSerializer(many=True, read_only=True)

    class Meta:
        model = TargetList
        fields = ["id", "name", "department", "description", "targets", "created_at", "updated_at"]


class TargetListViewSet(ScopedModelViewSet):
    """Target lists (招商目标清单) with their targets; clerks create and change lists
    (targets are added from a node's page)."""

    queryset = TargetList.objects.select_related("department").prefetch_related(
        Prefetch(
            "targets", queryset=Target.objects.select_related("company", "added_by").order_by("-created_at")
        )
    )
    serializer_class = TargetListSerializer
    filterset_class = TargetListFilterSet
    ordering_fields = ["name", "updated_at"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


def register(router) -> None:
    """Add this app's resources to the project router."""
    router.register("chains", ChainViewSet)
    router.register("chain-nodes", ChainNodeViewSet)
    router.register("registry-companies", RegistryCompanyViewSet)
    router.register("target-lists", TargetListViewSet)
