"""Contract files and activity attachments, read through their record (scope and
permission), never from a public media URL."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views import View

from gaoxin.core import roles
from gaoxin.core.views import require_perm, serve_stored_file


class StoredFileView(LoginRequiredMixin, View):
    model = None
    field = ""

    def get(self, request, pk):
        if not roles.sees_whole_zone(request.user):
            raise PermissionDenied
        require_perm(request.user, self.model, "view")
        obj = get_object_or_404(self.model.objects.visible_to(request.user), pk=pk)
        return serve_stored_file(getattr(obj, self.field))
