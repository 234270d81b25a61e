from django.contrib import admin

from .models import VisitQuestion


@admin.register(VisitQuestion)
class VisitQuestionAdmin(admin.ModelAdmin):
    list_display = ("sort_order", "code", "text", "kind", "flag", "active")
    list_display_links = ("code", "text")
