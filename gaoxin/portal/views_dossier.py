"""The firm's dossier (我的档案, issue 15 item 2): what the zone holds about the firm — its
profile, titles, annual facts and the cards of the apps' enterprise tabs (monthly values,
projects, payouts, policy awards …) — each record with a link to ask for a correction, and
the page where the firm asks. Mobile first: one column of cards at 360–414 px."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from gaoxin.core import roles
from gaoxin.enterprises import tabs
from gaoxin.enterprises.models import AnnualFacts, Enterprise, firm_right
from gaoxin.zone.models import evaluation_date

from . import corrections, forms
from .models import Correction

CARD_ROWS = 5
FACT_FIELDS = (
    "operating_revenue",
    "main_business_revenue",
    "industrial_output",
    "tax_paid",
    "rd_expense",
    "staff_total",
    "staff_rd",
)
FACT_YEARS = 3


def correct_url(obj, field: str = "") -> str | None:
    if not tabs.is_correctable(obj):
        return None
    query = {"record": f"{obj._meta.label_lower}:{obj.pk}"}
    if field:
        query["field"] = field
    return f"{reverse('portal:correction_add')}?{urlencode(query)}"


def lines(obj, names) -> list[dict]:
    return [
        {
            "label": corrections.label_of(obj, n),
            "value": corrections.shown(obj, n) or "—",
            "url": correct_url(obj, n),
        }
        for n in names
    ]


def without_firm(title: str, firm) -> str:
    """A record's name on the firm's own page, without the firm's name as one of its parts:
    “齐星车辆 · 第四条 · 2024” reads “第四条 · 2024”, “产值 · 2025年1–8月 · 齐星车辆” reads “产值 · 2025年1–8月”."""
    parts = [part.strip() for part in title.split("·")]
    kept = [part for part in parts if part != firm.name]
    return " · ".join(kept) if kept and len(kept) < len(parts) else title


def tab_cards(firm, user) -> list[dict]:
    """One card per enterprise tab that offers one: its first rows, its count, its page."""
    cards = []
    for tab in tabs.registered(user):
        if not tab.card_fields:
            continue
        rows = (tab.card_rows or tab.rows)(firm, user)
        total = tab.rows(firm, user).count()
        shown = list(rows[:CARD_ROWS])
        cards.append(
            {
                "code": tab.code,
                "label": tab.label,
                "count": total,
                "empty": tab.empty,
                "url": reverse("enterprises:enterprise_tab", args=[firm.pk, tab.code]),
                "link": tab.card_link(firm) if tab.card_link else None,
                "rows": [
                    {
                        "title": without_firm(str(r), firm),
                        "lines": lines(r, tab.card_fields),
                        "url": correct_url(r),
                    }
                    for r in shown
                ],
            }
        )
    return cards


def dossier_firm(request) -> Enterprise:
    """A firm's user: its own firm. Zone staff: ``?enterprise=`` in their scope (what the firm sees)."""
    user = request.user
    pk = request.GET.get("enterprise") if roles.sees_whole_zone(user) else roles.bound_enterprise_id(user)
    if not pk or not str(pk).isdigit():
        raise Http404
    return get_object_or_404(Enterprise.objects.visible_to(user).select_related("park", "industry"), pk=pk)


class DossierView(LoginRequiredMixin, View):
    def get(self, request):
        firm = dossier_firm(request)
        user = request.user
        day = evaluation_date()
        spec = tabs.correctable_for("enterprises.enterprise")
        qualifications = firm.qualifications.select_related("type").order_by(
            "type__sort_order", "-granted_on"
        )
        facts = AnnualFacts.objects.visible_to(user).filter(enterprise=firm).order_by("-year")[:FACT_YEARS]
        context = {
            "title": _("What the zone holds about us"),
            "firm": firm,
            "as_of": day,
            "profile": lines(firm, spec.fields),
            "qualifications": [
                {"q": q, "valid": q.is_valid_on(day), "url": correct_url(q)} for q in qualifications
            ],
            "facts": [{"year": f.year, "lines": lines(f, FACT_FIELDS), "url": correct_url(f)} for f in facts],
            "cards": tab_cards(firm, user),
            "corrections": Correction.objects.visible_to(user)
            .filter(request__enterprise=firm)
            .select_related("request")[:10],
            "may_ask": not roles.sees_whole_zone(user) and firm_right(user, "may_request"),
        }
        return render(request, "portal/dossier.html", context)


class CorrectionCreateView(LoginRequiredMixin, View):
    """The firm asks to correct a field of one of its records (``?record=label:pk&field=``)."""

    template_name = "portal/correction_form.html"

    def setup_record(self, request):
        if roles.sees_whole_zone(request.user):
            raise PermissionDenied(_("Zone staff change the record itself; this page is for the firm."))
        label, _sep, pk = (request.GET.get("record") or "").partition(":")
        self.spec, self.record = corrections.target(request.user, label, pk)
        if not firm_right(request.user, "may_request"):
            raise PermissionDenied(
                _("Your firm's administrator has not given you the right to raise requests.")
            )

    def form(self, request, data=None):
        fields = corrections.fields_of(self.spec, self.record)
        initial = {"field": request.GET.get("field", "")}
        return forms.CorrectionForm(data, fields=fields, initial=initial)

    def page(self, request, form, status=200):
        context = {
            "form": form,
            "record": corrections.record_label(self.record),
            "title": _("Ask for a correction"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        self.setup_record(request)
        return self.page(request, self.form(request))

    def post(self, request):
        self.setup_record(request)
        form = self.form(request, request.POST)
        if not form.is_valid():
            return self.page(request, form, 400)
        data = form.cleaned_data
        try:
            correction = corrections.correction_raise(
                user=request.user,
                label=self.record._meta.label_lower,
                pk=self.record.pk,
                field=data["field"],
                proposed=data["proposed_value"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.page(request, form, 400)
        messages.success(
            request,
            _("Your correction request was sent to %(department)s.")
            % {"department": correction.request.department},
        )
        return redirect(correction.request.get_absolute_url())
