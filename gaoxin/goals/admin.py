from django.contrib import admin

from .models import Goal


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = (
        "year",
        "title",
        "metric",
        "comparison",
        "target",
        "stretch",
        "unit",
        "department",
        "sort_order",
    )
    list_filter = ("year", "metric")
