from django.contrib import admin

from .models import EnterpriseUser, EquityFinancing, IPAsset, QualificationType


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


@admin.register(IPAsset)
class IPAssetAdmin(admin.ModelAdmin):
    """The IP register (pages: 一企一档 → 知识产权); the class follows from the kind."""

    list_display = (
        "number",
        "kind",
        "ip_class",
        "title",
        "enterprise",
        "status",
        "granted_on",
        "acquisition",
    )
    list_filter = ("kind", "status", "acquisition", "high_value")
    readonly_fields = ("ip_class",)
    raw_id_fields = ("enterprise",)
    search_fields = ("number", "title", "enterprise__name", "enterprise__uscc")


@admin.register(EquityFinancing)
class EquityFinancingAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "received_on", "investor", "amount", "qualified_investor", "round")
    list_filter = ("qualified_investor",)
    raw_id_fields = ("enterprise",)
    search_fields = ("investor", "enterprise__name", "enterprise__uscc")
