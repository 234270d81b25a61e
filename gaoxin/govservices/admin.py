from django.contrib import admin

from .models import ReportedCount


@admin.register(ReportedCount)
class ReportedCountAdmin(admin.ModelAdmin):
    """The counts the zone reports (上报口径) are configuration: an administrator records them."""

    list_display = ("year", "count", "source")
