from django.contrib import admin

from .models import Indicator, PointScheme, Tier


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class TierInline(admin.TabularInline):
    model = Tier
    extra = 0


@admin.register(PointScheme)
class PointSchemeAdmin(admin.ModelAdmin):
    """Schemes, their indicators and tiers are set up by administrators from the official text;
    weights and stage rules are changed on the scheme's pages (which check them)."""

    list_display = ("name", "version", "valid_from", "valid_to", "is_example")
    inlines = [IndicatorInline, TierInline]
