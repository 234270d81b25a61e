"""The header's bell (unread count) and the mute switches, for the layout and the account page."""

from django import template

from ..models import Kind, Message, Mute

register = template.Library()


@register.inclusion_tag("notify/includes/bell.html", takes_context=True)
def inbox_bell(context):
    user = context["request"].user
    return {"unread": Message.objects.visible_to(user).unread().count()}


@register.inclusion_tag("notify/includes/mutes.html", takes_context=True)
def mute_settings(context):
    request = context["request"]
    muted = set(Mute.objects.filter(user=request.user).values_list("kind", flat=True))
    kinds = [{"code": code, "label": label, "muted": code in muted} for code, label in Kind.choices]
    return {"kinds": kinds, "next": request.get_full_path(), "csrf_token": context.get("csrf_token")}
