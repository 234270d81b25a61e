from django.contrib import admin

from .models import CalendarOverride, Department, Leader, LeadIndustry, Park, Zone


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "region", "is_demo")
    raw_id_fields = ("region",)


@admin.register(Park)
class ParkAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "area_mu", "sort_order")


@admin.register(LeadIndustry)
class LeadIndustryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sort_order")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "sort_order")
    filter_horizontal = ("members",)


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "user", "sort_order")


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "is_workday", "reason")
    list_filter = ("is_workday",)
    date_hierarchy = "date"
