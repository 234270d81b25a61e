"""Filters of the registry: one FilterSet per model for the list page, the API and the export."""

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from gaoxin.core import uscc
from gaoxin.core.filters import BaseFilterSet, DateInput
from gaoxin.core.models import Tag
from gaoxin.reference.models import Industry
from gaoxin.zone.models import LeadIndustry, Park

from .ip import valid_on as ip_valid_on
from .models import (
    AnnualFacts,
    Contact,
    Enterprise,
    EquityFinancing,
    IPAsset,
    Qualification,
    QualificationType,
)
from .services import former_names
from .tech_fields import TechField


def section_choices():
    return [(i.code, f"{i.code} {i.name}") for i in Industry.objects.filter(level=Industry.Level.SECTION)]


def division_choices():
    return [(i.code, f"{i.code} {i.name}") for i in Industry.objects.filter(level=Industry.Level.DIVISION)]


class EnterpriseFilterSet(BaseFilterSet):
    search_fields = ("name", "uscc", "legal_representative")
    uscc = filters.CharFilter(method="filter_uscc", label=_("Credit code"))
    park = filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))
    industry_section = filters.ChoiceFilter(
        field_name="industry__section_code", choices=section_choices, label=_("Industry section")
    )
    industry_division = filters.ChoiceFilter(
        field_name="industry__division_code", choices=division_choices, label=_("Industry division")
    )
    lead_industry = filters.ModelChoiceFilter(queryset=LeadIndustry.objects.all(), label=_("Lead industry"))
    status = filters.ChoiceFilter(choices=Enterprise.Status.choices, label=_("Status"))
    scale = filters.ChoiceFilter(choices=Enterprise.Scale.choices, label=_("Scale"))
    qualification = filters.ModelChoiceFilter(
        queryset=QualificationType.objects.filter(is_active=True),
        to_field_name="code",
        method="filter_qualification",
        label=_("Holds qualification"),
    )
    valid_on = filters.DateFilter(method="filter_noop", label=_("Valid on"), widget=DateInput)
    qualification_any = filters.CharFilter(
        method="filter_qualification_any", label=_("Holds any of (codes)"), widget=forms.HiddenInput
    )
    tag = filters.ModelChoiceFilter(field_name="tags", queryset=Tag.objects.all(), label=_("Tag"))
    tech_field = filters.ChoiceFilter(choices=TechField.choices, label=_("High-tech field"))

    class Meta:
        model = Enterprise
        fields = [
            "q",
            "park",
            "lead_industry",
            "industry_section",
            "industry_division",
            "status",
            "scale",
            "qualification",
            "valid_on",
            "tag",
            "tech_field",
            "uscc",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The credit code filter is for the API (?uscc=); the page searches with q.
        if self.request is not None and not self.request.path.startswith("/api/"):
            self.form.fields.pop("uscc", None)

    def search_placeholder(self) -> str:
        return str(_("Name, former name, credit code or legal representative"))

    def search_condition(self, value: str) -> Q:
        """Name, credit code, legal representative, or a former name (``former_names``)."""
        former = former_names(value)
        condition = super().search_condition(value)
        return condition | Q(pk__in=list(former)) if former else condition

    def filter_uscc(self, queryset, name, value):
        return queryset.filter(uscc=uscc.normalize(value))

    def filter_noop(self, queryset, name, value):
        return queryset  # read by filter_qualification

    @extend_schema_field(OpenApiTypes.STR)
    def filter_qualification_any(self, queryset, name, value):
        """Holders of any of several types (the "四上" enterprises, a goal's link)."""
        codes = [code.strip() for code in value.split(",") if code.strip()]
        if not codes:
            return queryset
        day = self.form.cleaned_data.get("valid_on") or timezone.localdate()
        valid = Qualification.objects.valid_on(day).filter(enterprise=OuterRef("pk"), type__code__in=codes)
        return queryset.filter(Exists(valid))

    @extend_schema_field(OpenApiTypes.STR)
    def filter_qualification(self, queryset, name, value):
        if not value:
            return queryset
        day = self.form.cleaned_data.get("valid_on") or timezone.localdate()
        return queryset.with_qualification(value.code, on=day)


class QualificationFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc", "certificate_no")
    type = filters.ModelChoiceFilter(
        queryset=QualificationType.objects.all(), to_field_name="code", label=_("Type")
    )
    level = filters.ChoiceFilter(choices=QualificationType.Level.choices, label=_("Level"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    park = filters.ModelChoiceFilter(
        field_name="enterprise__park", queryset=Park.objects.all(), label=_("Park")
    )
    valid_on = filters.DateFilter(method="filter_valid_on", label=_("Valid on"), widget=DateInput)

    class Meta:
        model = Qualification
        fields = ["q", "type", "level", "park", "valid_on", "enterprise"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None and not self.request.path.startswith("/api/"):
            self.form.fields.pop("enterprise", None)

    def search_placeholder(self) -> str:
        return str(_("Enterprise, credit code or certificate no."))

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value) if value else queryset


class AnnualFactsFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc")
    year = filters.NumberFilter(label=_("Year"))
    park = filters.ModelChoiceFilter(
        field_name="enterprise__park", queryset=Park.objects.all(), label=_("Park")
    )
    lead_industry = filters.ModelChoiceFilter(
        field_name="enterprise__lead_industry", queryset=LeadIndustry.objects.all(), label=_("Lead industry")
    )
    industry_division = filters.ChoiceFilter(
        field_name="enterprise__industry__division_code",
        choices=division_choices,
        label=_("Industry division"),
    )
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    uscc = filters.CharFilter(method="filter_uscc", label=_("Credit code"))

    class Meta:
        model = AnnualFacts
        fields = ["q", "year", "park", "lead_industry", "industry_division", "enterprise", "uscc"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None and not self.request.path.startswith("/api/"):
            self.form.fields.pop("enterprise", None)
            self.form.fields.pop("uscc", None)

    def search_placeholder(self) -> str:
        return str(_("Enterprise or credit code"))

    def filter_uscc(self, queryset, name, value):
        return queryset.filter(enterprise__uscc=uscc.normalize(value))


class IPAssetFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc", "number", "title")
    kind = filters.ChoiceFilter(choices=IPAsset.Kind.choices, label=_("Kind"))
    ip_class = filters.ChoiceFilter(choices=[(1, _("Class I")), (2, _("Class II"))], label=_("IP class"))
    status = filters.ChoiceFilter(choices=IPAsset.Status.choices, label=_("Status"))
    acquisition = filters.ChoiceFilter(choices=IPAsset.Acquisition.choices, label=_("Acquired by"))
    high_value = filters.BooleanFilter(label=_("High-value"))
    park = filters.ModelChoiceFilter(
        field_name="enterprise__park", queryset=Park.objects.all(), label=_("Park")
    )
    valid_on = filters.DateFilter(method="filter_valid_on", label=_("Held on"), widget=DateInput)
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = IPAsset
        fields = [
            "q",
            "kind",
            "ip_class",
            "status",
            "acquisition",
            "high_value",
            "park",
            "valid_on",
            "enterprise",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None and not self.request.path.startswith("/api/"):
            self.form.fields.pop("enterprise", None)

    def search_placeholder(self) -> str:
        return str(_("Enterprise, credit code, number or title"))

    def filter_valid_on(self, queryset, name, value):
        """Granted by the day and not lapsed by it (``ip.valid_on``)."""
        return queryset.filter(ip_valid_on(value)) if value else queryset


class EquityFinancingFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc", "investor", "round")
    qualified_investor = filters.BooleanFilter(label=_("Qualified institutional investor"))
    year = filters.NumberFilter(field_name="received_on__year", label=_("Year"))
    received_from = filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("Received from"), widget=DateInput
    )
    received_to = filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label=_("Received until"), widget=DateInput
    )
    park = filters.ModelChoiceFilter(
        field_name="enterprise__park", queryset=Park.objects.all(), label=_("Park")
    )
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = EquityFinancing
        fields = ["q", "qualified_investor", "year", "received_from", "received_to", "park", "enterprise"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None and not self.request.path.startswith("/api/"):
            self.form.fields.pop("enterprise", None)

    def search_placeholder(self) -> str:
        return str(_("Enterprise, credit code, investor or round"))


class ContactFilterSet(BaseFilterSet):
    search_fields = ("name", "phone", "enterprise__name")
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = Contact
        fields = ["q", "enterprise"]
