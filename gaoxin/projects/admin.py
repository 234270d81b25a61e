from django.contrib import admin

from . import models


@admin.register(models.ProjectList)
class ProjectListAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "year", "sort_order")


@admin.register(models.ProblemCategory)
class ProblemCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "time_limit_workdays", "sort_order")


class TemplateNodeInline(admin.TabularInline):
    model = models.TemplateNode
    extra = 0
    fields = ("sequence", "code", "name", "duration_days", "predecessors", "is_anchor", "gate_stage")


@admin.register(models.ScheduleTemplate)
class ScheduleTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    inlines = [TemplateNodeInline]


@admin.register(models.LightRule)
class LightRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "is_active", "yellow_value", "red_value", "stages", "source")


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "stage", "light", "total_investment")
    search_fields = ("code", "name")
    list_filter = ("stage", "light", "lists")
    raw_id_fields = ("enterprise",)
