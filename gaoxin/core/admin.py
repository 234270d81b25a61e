"""Back office: settings only (registers are kept in the pages)."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

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
