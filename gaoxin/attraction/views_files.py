"""Contract files and activity attachments, read through their record (scope and
permission), never from a public media URL: the records' querysets are staff-only, so an
enterprise user gets a 404."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import View

from gaoxin.core.downloads import scoped_file
from gaoxin.core.views import require_perm


class StoredFileView(LoginRequiredMixin, View):
    model = None
    field = ""

    def get(self, request, pk):
        require_perm(request.user, self.model, "view")
        return scoped_file(self.model.objects, request.user, pk, self.field)
