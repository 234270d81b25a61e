from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput, ScopedModelForm, style_widgets

from .models import FirmLand, GradeMeasure, LandRequest, MuExemption, MuIndicator, MuScheme, Parcel


class BoundaryField(forms.JSONField):
    """GeoJSON (or WKT, kept as text and parsed by ``Parcel.clean``)."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and value.strip()[0] not in "{[":
            return value.strip()  # WKT: the model's clean parses and checks it
        return super().to_python(value)


class ParcelForm(ScopedModelForm):
    boundary = BoundaryField(
        label=_("boundary (GeoJSON or WKT)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "col": "col-12"}),
        help_text=_(
            "Longitude/latitude (WGS84). Checked on save: a polygon that does not cross itself, within one per cent of the area, overlapping no live parcel."
        ),
    )

    class Meta:
        model = Parcel
        fields = [
            "code", "name", "park", "area_mu", "land_use", "status", "status_since",
            "plot_ratio_min", "plot_ratio_max", "coverage_min", "green_max", "investment_min", "tax_min", "energy_max",
            "idle", "idle_since", "idle_reason", "inefficient", "inefficient_since", "inefficient_reason",
            "enterprise", "project", "is_public", "boundary", "note",
        ]  # fmt: skip
        widgets = {"status_since": DateInput, "idle_since": DateInput, "inefficient_since": DateInput}


class FirmLandForm(ScopedModelForm):
    class Meta:
        model = FirmLand
        fields = ["enterprise", "year", "owned_mu", "leased_in_mu", "let_out_mu", "emissions_t", "note"]


class MuSchemeForm(ScopedModelForm):
    class Meta:
        model = MuScheme
        fields = [
            "name",
            "year",
            "method",
            "a_cut",
            "b_cut",
            "c_cut",
            "below_scale_min_mu",
            "exempt_new_years",
            "source",
        ]


class MuIndicatorForm(ScopedModelForm):
    class Meta:
        model = MuIndicator
        fields = ["group", "code", "weight", "benchmark"]


class MuExemptionForm(ScopedModelForm):
    class Meta:
        model = MuExemption
        fields = ["enterprise", "kind", "reason"]


class GradeMeasureForm(ScopedModelForm):
    class Meta:
        model = GradeMeasure
        fields = ["grade", "lever", "measure"]


class LandRequestForm(ScopedModelForm):
    class Meta:
        model = LandRequest
        fields = [
            "name", "lead", "signing", "project", "enterprise", "park", "land_use",
            "area_min_mu", "area_max_mu", "tolerance_pct", "plot_ratio_needed", "energy_need",
            "fixed_asset_investment", "expected_tax", "requested_on", "department", "note",
        ]  # fmt: skip
        widgets = {"requested_on": DateInput}


class StyledForm(forms.Form):
    """A form of an allocation move (not a model form): the site's widget classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ReserveForm(StyledForm):
    parcel = forms.ModelChoiceField(queryset=Parcel.objects.live(), label=_("parcel"))
    area_mu = forms.DecimalField(
        label=_("area (mu)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Blank: the whole parcel."),
    )
    date = forms.DateField(label=_("date"), required=False, widget=DateInput)
    reason = forms.CharField(label=_("reason"), required=False, max_length=300)


class SupplyForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("supplied by"),
        choices=[("sold", _("Transferred (出让)")), ("allotted", _("Allocated (划拨)"))],
    )
    contract_date = forms.DateField(label=_("contract date"), widget=DateInput)
    contract_no = forms.CharField(label=_("contract number"), required=False, max_length=60)
    price = forms.DecimalField(label=_("price (万元)"), required=False, max_digits=18, decimal_places=4)
    reason = forms.CharField(label=_("note"), required=False, max_length=300)


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("reason"), max_length=300)
    date = forms.DateField(label=_("date"), required=False, widget=DateInput)
