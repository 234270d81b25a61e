from django.contrib import admin

from .models import EnterpriseUser, QualificationType


@admin.register(QualificationType)
class QualificationTypeAdmin(admin.ModelAdmin):
    """The configurable list of qualifications; the code is the stable interface."""

    list_display = (
        "name",
        "code",
        "short_name",
        "default_level",
        "validity_years",
        "is_active",
        "sort_order",
    )
    list_editable = ("is_active", "sort_order")

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()


@admin.register(EnterpriseUser)
class EnterpriseUserAdmin(admin.ModelAdmin):
    """Binds a portal user to their enterprise."""

    list_display = ("user", "enterprise")
    raw_id_fields = ("enterprise",)
    search_fields = ("user__username", "enterprise__name", "enterprise__uscc")
