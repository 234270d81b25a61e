"""The generic contract (tests/contract.py) for the cockpit's goals: read on the goal's page
and through the API; goals are set up as data (the demo, the admin)."""

from django.urls import reverse

from gaoxin.goals.models import Goal
from tests.contract import ApiRead, DetailPage


class TestGoalContract(DetailPage, ApiRead):
    model = Goal
    reader = "leader"
    api_name = "goal"

    def make(self, world, enterprise):
        return Goal.objects.create(
            year=2025,
            code=f"firms-{enterprise.pk}",
            title="高新技术企业数",
            metric="enterprises_with_qualification",
            params={"qualification": "high_tech"},
            target=10,
            unit="家",
        )

    def list_marker(self, obj):
        return obj.title

    def detail_url(self, obj):
        return reverse("goals:goal_detail", args=[obj.pk])
