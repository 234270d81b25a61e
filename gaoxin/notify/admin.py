from django import forms
from django.contrib import admin
from django.db import models

from .models import Attempt, ChannelConfig, Delivery, Message, Mute


@admin.register(ChannelConfig)
class ChannelConfigAdmin(admin.ModelAdmin):
    list_display = ("name", "channel", "enabled", "webhook_url", "gateway")
    list_filter = ("channel", "enabled")
    formfield_overrides = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    readonly_fields = ("at", "ok", "response")
    can_delete = False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("message", "channel", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "channel")
    readonly_fields = ("message", "channel", "dedupe_key", "attempts", "sent_at", "last_error")
    inlines = [AttemptInline]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "user", "kind", "day", "read_at")
    list_filter = ("kind", "day")
    search_fields = ("subject", "user__username")
    raw_id_fields = ("user",)


@admin.register(Mute)
class MuteAdmin(admin.ModelAdmin):
    list_display = ("user", "kind")
