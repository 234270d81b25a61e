from django.contrib import admin

from .models import BudgetLine, Programme


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """Programmes and their yearly budget lines are configuration: administrators set them up."""

    list_display = ("name", "code", "kind", "department")
    inlines = [BudgetLineInline]
