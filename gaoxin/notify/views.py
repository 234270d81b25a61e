"""The inbox (/messages/): the in-app channel. A message is its recipient's alone, so another
user's id is a 404; opening one marks it read."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from . import services
from .models import Kind, Message

PER_PAGE = 25


class InboxView(LoginRequiredMixin, View):
    def get(self, request):
        inbox = Message.objects.visible_to(request.user)
        unread_only = request.GET.get("unread") == "1"
        if unread_only:
            inbox = inbox.unread()
        page = Paginator(inbox, PER_PAGE).get_page(request.GET.get("page"))
        context = {"title": _("Messages"), "page": page, "unread_only": unread_only}
        return render(request, "notify/inbox.html", context)


class MessageDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        message = get_object_or_404(Message.objects.visible_to(request.user), pk=pk)
        services.message_mark_read(user=request.user, message=message)
        message.refresh_from_db(fields=["read_at"])
        return render(request, "notify/message.html", {"title": message.subject, "message": message})


class MarkReadView(LoginRequiredMixin, View):
    """POST: mark one message (``pk``) or all of them read, then back to the inbox."""

    def post(self, request, pk=None):
        message = None
        if pk is not None:
            message = get_object_or_404(Message.objects.visible_to(request.user), pk=pk)
        services.message_mark_read(user=request.user, message=message)
        return redirect("notify:inbox")


class MuteView(LoginRequiredMixin, View):
    """POST ``kind`` and ``muted`` (1/0): the user's choice; back to where they came from."""

    def post(self, request):
        kind = request.POST.get("kind", "")
        if kind not in Kind.values:
            raise Http404
        services.mute_set(user=request.user, kind=kind, muted=request.POST.get("muted") == "1")
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)
        return redirect("notify:inbox")
