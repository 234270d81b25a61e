from django.contrib import admin

from .models import RequestCategory


@admin.register(RequestCategory)
class RequestCategoryAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "department",
        "leader",
        "accept_workdays",
        "handle_workdays",
        "sort_order",
    )
    list_editable = ("department", "leader", "accept_workdays", "handle_workdays", "sort_order")
