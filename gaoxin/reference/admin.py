from django.contrib import admin

from .models import Industry, Region


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("code", "level", "name", "section_code")
    list_filter = ("level", "section_code")
    search_fields = ("code", "name")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "province_name", "in_use")
    list_filter = ("level", "in_use")
    search_fields = ("code", "name")

    def has_change_permission(self, request, obj=None):
        return False
