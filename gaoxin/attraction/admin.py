from django.contrib import admin

from .models import Activity, Lead, LeadStageChange, Region, StageDeadline


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sort_order")


@admin.register(StageDeadline)
class StageDeadlineAdmin(admin.ModelAdmin):
    list_display = ("stage", "days", "unit", "meaning")


class StageChangeInline(admin.TabularInline):
    model = LeadStageChange
    extra = 0
    readonly_fields = ("from_stage", "to_stage", "date", "reason", "user", "recorded_at")
    can_delete = False


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("code", "company_name", "stage", "owner", "department", "next_action_date")
    list_filter = ("stage", "department", "confidential")
    search_fields = ("code", "company_name", "code_name")
    raw_id_fields = ("company", "enterprise", "owner")
    inlines = [StageChangeInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "title", "region", "department")
    list_filter = ("kind", "region", "department")
    search_fields = ("title", "notes")
    raw_id_fields = ("companies", "leads", "participants")
