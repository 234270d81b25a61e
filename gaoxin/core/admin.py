"""Back office: settings only (registers are kept in the pages)."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext, gettext_lazy, ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from . import two_factor
from .models import Job, ObjectChange, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "color", "description")
    search_fields = ("name",)


@admin.register(ObjectChange)
class ObjectChangeAdmin(admin.ModelAdmin):
    """Read-only: the audit log is never edited."""

    list_display = ("time", "user_name", "action", "source", "content_type", "object_repr", "request_id")
    list_filter = ("action", "source", "content_type")
    search_fields = ("object_repr", "user_name", "message")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "user", "status", "progress", "phase")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False


# The back office speaks the platform's name, not Django's.
admin.site.site_header = settings.PLATFORM_NAME
admin.site.site_title = settings.PLATFORM_NAME
admin.site.index_title = gettext_lazy("Settings")

# django-tasks' own result table duplicates the Job pages (progress, log, result) in English:
# administrators read background work there, so the back office does not list it.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class GaoxinUserAdmin(UserAdmin):
    """Django's user admin with the two-factor state and its reset (an administrator whose
    phone is lost signs in again with the password and enrols anew; the reset is an AuthEvent
    naming who did it, core.two_factor)."""

    list_display = (*UserAdmin.list_display, "two_factor")
    actions = [*(UserAdmin.actions or []), "reset_two_factor"]

    def get_queryset(self, request):
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_two_factor=Exists(devices))

    @admin.display(boolean=True, description=gettext_lazy("Authenticator app"), ordering="has_two_factor")
    def two_factor(self, obj):
        return obj.has_two_factor

    def has_reset_two_factor_permission(self, request):
        return request.user.has_perm("otp_totp.delete_totpdevice")

    @admin.action(description=gettext_lazy("Reset two-factor sign-in"), permissions=["reset_two_factor"])
    def reset_two_factor(self, request, queryset):
        count = sum(two_factor.remove_devices(user) for user in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d authenticator app was removed; the person enrols again at the next sign-in.",
                "%(count)d authenticator apps were removed; the people enrol again at the next sign-in.",
                count,
            )
            % {"count": count}
            if count
            else gettext("None of them had an authenticator app."),
            messages.SUCCESS if count else messages.WARNING,
        )
