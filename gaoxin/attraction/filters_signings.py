"""Filters of signings, their funds in place and screening standards (pages, API and export
share them)."""

from decimal import Decimal

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet

from .models import ScreeningStandard, Signing, SigningFunding

TIER_CHOICES = [(str(t), _("≥ %(n)s 亿元") % {"n": t}) for t in (1, 10, 30, 50)]
FLAG_CHOICES = [
    ("fortune_global_500", _("Fortune Global 500 (世界500强)")),
    ("fortune_china_500", _("China top 500 (中国500强)")),
    ("listed", _("listed company")),
    ("foreign", _("foreign investment")),
]


class SigningFilterSet(BaseFilterSet):
    search_fields = ("project_name", "investor", "investor_uscc")
    kind = filters.ChoiceFilter(choices=Signing.Kind.choices, label=_("Kind"))
    status = filters.ChoiceFilter(choices=Signing.Status.choices, label=_("Status"))
    year = filters.NumberFilter(field_name="contract_date", lookup_expr="year", label=_("Year"))
    tier = filters.ChoiceFilter(choices=TIER_CHOICES, method="filter_tier", label=_("Amount tier"))
    amount_min = filters.NumberFilter(method="filter_amount_min", label=_("Amount at least (万元)"))
    flag = filters.ChoiceFilter(choices=FLAG_CHOICES, method="filter_flag", label=_("Investor flag"))
    department = filters.NumberFilter(field_name="department_id", label=_("Department"))
    lead_industry = filters.NumberFilter(field_name="lead_industry_id", label=_("Lead industry"))

    class Meta:
        model = Signing
        fields = ["q", "kind", "status", "year", "tier", "amount_min", "flag", "department", "lead_industry"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django import forms

        from gaoxin.zone.models import Department, LeadIndustry

        self.form.fields["department"].widget = forms.Select(
            choices=[("", _("All"))] + [(d.pk, d.name) for d in Department.objects.all()],
            attrs={"class": "form-select"},
        )
        self.form.fields["lead_industry"].widget = forms.Select(
            choices=[("", _("All"))] + [(i.pk, i.name) for i in LeadIndustry.objects.all()],
            attrs={"class": "form-select"},
        )

    def filter_tier(self, queryset, name, value):
        """The goals' tiers: investment signings (in 万元) of at least so many 亿元."""
        return queryset.investments().filter(amount__gte=Decimal(value) * 10000) if value else queryset

    def filter_amount_min(self, queryset, name, value):
        """Amounts in 万元 only: an order in another currency is not compared with 万元."""
        if value is None:
            return queryset
        return queryset.filter(currency=Signing.Currency.CNY, amount__gte=value)

    def filter_flag(self, queryset, name, value):
        return queryset.filter(**{value: True}) if value in dict(FLAG_CHOICES) else queryset


class SigningFundingFilterSet(BaseFilterSet):
    search_fields = ("signing__project_name", "signing__investor", "note")
    signing = filters.NumberFilter(field_name="signing_id", label=_("Signing"))
    year = filters.NumberFilter(label=_("Year"))
    month = filters.NumberFilter(label=_("Month"))
    foreign = filters.BooleanFilter(method="filter_foreign", label=_("With foreign funds"))

    class Meta:
        model = SigningFunding
        fields = ["q", "signing", "year", "month", "foreign"]

    def filter_foreign(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(foreign_usd__gt=0) if value else queryset.filter(foreign_usd=0)


class ScreeningStandardFilterSet(BaseFilterSet):
    search_fields = ("name", "note")
    year = filters.NumberFilter(method="filter_year", label=_("Valid in year"))
    is_example = filters.BooleanFilter(label=_("Example figures"))

    class Meta:
        model = ScreeningStandard
        fields = ["q", "year", "lead_industry", "is_example"]

    def filter_year(self, queryset, name, value):
        if value is None:
            return queryset
        from django.db.models import Q

        return queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=value), valid_from__lte=value)


def signing_summary(queryset) -> dict:
    """Verified count and total (万元) of the filtered investment signings (export orders
    count nowhere), and how many verified ones reach each amount tier (≥1/10/30/50 亿元)."""
    from django.db.models import Count, Q, Sum

    verified = Q(status=Signing.Status.VERIFIED, kind=Signing.Kind.INVESTMENT)
    tiers = {
        f"t{t}": Count("pk", filter=verified & Q(amount__gte=Decimal(t) * 10000)) for t in (1, 10, 30, 50)
    }
    row = queryset.order_by().aggregate(
        verified_count=Count("pk", filter=verified),
        verified_total=Sum("amount", filter=verified),
        reported=Count("pk", filter=Q(status=Signing.Status.REPORTED)),
        **tiers,
    )
    row["verified_total"] = row["verified_total"] or Decimal(0)
    row["tiers"] = [(t, row[f"t{t}"]) for t in (1, 10, 30, 50)]
    return row


SigningFilterSet.summary = property(lambda self: signing_summary(self.qs))
