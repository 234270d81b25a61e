from django.contrib import admin

from .models import DataSet, Indicator, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """The catalogue is data: administrators add and edit indicators here."""

    list_display = (
        "name",
        "code",
        "kind",
        "unit",
        "frequency",
        "department",
        "leader",
        "is_active",
        "sort_order",
    )
    list_filter = ("kind", "frequency", "is_active")
    search_fields = ("name", "code", "name_en", "aliases")
    raw_id_fields = ("numerator", "denominator")


@admin.register(DataSet)
class DataSetAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "scope", "department", "due_day", "combine_jan_feb")
    filter_horizontal = ("indicators",)


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "scope", "basis", "base_value", "stretch_value", "split")
    list_filter = ("year", "basis")
