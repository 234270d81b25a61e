"""Download the monthly brief (.docx or .pdf) for a period."""

import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.views import View

from gaoxin.core import roles
from gaoxin.core.downloads import file_response
from gaoxin.indicators.services import latest_period
from gaoxin.zone.models import evaluation_date

from . import brief as briefs

FORMATS = ("docx", "pdf")


class BriefView(LoginRequiredMixin, View):
    def get(self, request, fmt):
        if fmt not in FORMATS:
            raise Http404
        if not roles.sees_whole_zone(request.user) or not request.user.has_perm(
            "indicators.view_observation"
        ):
            raise PermissionDenied
        latest = latest_period(as_of=evaluation_date())
        try:
            year = int(request.GET.get("year") or (latest[0] if latest else 0))
            month = int(request.GET.get("month") or (latest[1] if latest and latest[0] == year else 12))
            as_of = datetime.date.fromisoformat(request.GET["as_of"]) if request.GET.get("as_of") else None
        except ValueError:
            raise Http404 from None
        if not (1990 <= year <= 2100 and 1 <= month <= 12) or (as_of and as_of.year != year):
            raise Http404
        with translation.override("zh-hans"):  # a brief is an official Chinese document
            brief = briefs.build(year, month, as_of)
            content = briefs.docx_bytes(brief) if fmt == "docx" else briefs.pdf_bytes(brief)
        return file_response(content, f"{brief.filename}.{fmt}")
