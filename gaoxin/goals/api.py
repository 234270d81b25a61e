"""/api/goals/: each goal with its current value, progress, status, forecast and explanation."""

from rest_framework import serializers

from gaoxin.core import generation
from gaoxin.core.api import ReadOnlyScopedViewSet

from . import services
from .models import Goal


class GoalSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()

    class Meta:
        model = Goal
        fields = [
            "id",
            "year",
            "code",
            "title",
            "metric",
            "params",
            "comparison",
            "target",
            "stretch",
            "unit",
            "department",
            "leader",
            "source",
            "state",
        ]

    def get_state(self, goal) -> dict:
        as_of_by_year = self.context.setdefault("as_of", {})
        if goal.year not in as_of_by_year:
            as_of_by_year[goal.year] = services.as_of_for(goal.year)
        as_of = as_of_by_year[goal.year]
        # the same for every reader: kept under the data generation (ADR 0015)
        return generation.cached("goal-state", (goal.pk, as_of), lambda: self.state_of(goal, as_of))

    @staticmethod
    def state_of(goal, as_of) -> dict:
        state = services.evaluate(goal, as_of)
        forecast = state.value.forecast
        return {
            "value": None if state.value.value is None else str(state.value.value),
            "as_of": state.value.as_of,
            "evaluated_on": as_of.isoformat(),
            "progress": state.progress,
            "status": state.color,
            "status_text": state.text,
            "stretch_met": state.stretch_met,
            "explanation": state.value.explanation,
            "link": state.value.link,
            "forecast": None
            if forecast is None
            else {
                "value": str(forecast.value),
                "low": str(forecast.low),
                "high": str(forecast.high),
                "method": forecast.method,
                "verdict": state.verdict,
                "verdict_text": state.verdict_text,
            },
        }


class GoalViewSet(ReadOnlyScopedViewSet):
    """Annual goals as live KPIs (filter ``?year=``)."""

    queryset = Goal.objects.filter(is_active=True).select_related("department", "leader")
    serializer_class = GoalSerializer
    filterset_fields = ["year"]
