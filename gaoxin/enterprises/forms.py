"""Forms of the registry. Imports do not use these (see imports.py, which shares the
model fields' rules); pages and forms share the model's validators and constraints."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core import uscc
from gaoxin.core.forms import DateInput, ScopedModelForm, StatusForm
from gaoxin.reference.models import Industry

from .models import AnnualFacts, Contact, Enterprise, EquityFinancing, IPAsset, Qualification


def parse_industry_code(value: str) -> str:
    """``C3841`` / ``3841`` / ``c 3841`` → ``3841``."""
    text = uscc.normalize(value)
    return text[1:] if text[:1].isalpha() else text


class IndustryInput(forms.TextInput):
    """A code box that suggests classes as one types (htmx fills a datalist)."""

    template_name = "enterprises/widgets/industry_input.html"


class EnterprisePicker(forms.TextInput):
    """An enterprise typed by name or credit code, suggested as one types (htmx fills a
    datalist from ``enterprises:enterprise_options``, scoped to the reader). Without JS it is a
    plain text box: the filter reads a name, a credit code or an id. ``labels`` maps an id
    arriving in a link (``?enterprise=12``) to the name shown in the box."""

    template_name = "enterprises/widgets/enterprise_picker.html"

    def __init__(self, attrs=None):
        defaults = {"autocomplete": "off", "placeholder": _("Type a name or credit code")}
        super().__init__({**defaults, **(attrs or {})})
        self.labels: dict[str, str] = {}

    def format_value(self, value):
        value = super().format_value(value)
        return self.labels.get(value, value) if value else value


class IndustryField(forms.CharField):
    """A GB/T 4754-2017 class typed as its code (``C3841`` or ``3841``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("industry (GB/T 4754)"))
        kwargs.setdefault(
            "help_text", _("4-digit class code, e.g. C3841 lithium-ion batteries; type to search.")
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", IndustryInput)
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": "industry-options", "autocomplete": "off", "placeholder": "C3841"})

    def prepare_value(self, value):
        if isinstance(value, Industry):
            return value.full_code
        if value and str(value).isdigit():
            industry = Industry.objects.filter(pk=value).first()
            return industry.full_code if industry else value
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        code = parse_industry_code(value.split()[0])
        industry = Industry.objects.filter(pk=code).first()
        if industry is None:
            raise forms.ValidationError(
                _("Industry code “%(code)s” does not exist in GB/T 4754-2017."), params={"code": value}
            )
        if industry.level != Industry.Level.CLASS:
            raise forms.ValidationError(
                _("“%(code)s” is a %(level)s; choose a 4-digit class under it."),
                params={"code": industry.full_code, "level": industry.get_level_display()},
            )
        return industry


class EnterpriseForm(ScopedModelForm):
    industry = IndustryField()

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "uscc",
            "legal_representative",
            "established_on",
            "registered_capital",
            "park",
            "address",
            "industry",
            "lead_industry",
            "scale",
            "business_scope",
            "tags",
            "tech_field",
            "tax_collection_mode",
            "main_product",
            "niche_market_since",
            "strategic_emerging",
        ]
        widgets = {
            "established_on": DateInput(),
            "business_scope": forms.Textarea(attrs={"rows": 3, "col": "col-12"}),
            "tags": forms.SelectMultiple(attrs={"size": 4}),
        }

    def clean_uscc(self):
        result = uscc.check(self.cleaned_data["uscc"])
        if not result.ok:
            raise forms.ValidationError(result.error)
        self.uscc_warnings = result.warnings
        return result.code


class EnterpriseStatusForm(StatusForm):
    class Meta(StatusForm.Meta):
        model = Enterprise


class QualificationForm(ScopedModelForm):
    class Meta:
        model = Qualification
        fields = ["type", "level", "certificate_no", "granted_on", "expires_on", "revoked_on", "note"]
        widgets = {"granted_on": DateInput(), "expires_on": DateInput(), "revoked_on": DateInput()}
        help_texts = {"expires_on": _("Blank: computed from the type's validity (高企: 3 years).")}


class AnnualFactsForm(ScopedModelForm):
    class Meta:
        model = AnnualFacts
        exclude = ["enterprise", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("col", "col-md-4")


class ContactForm(ScopedModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "phone", "email", "is_primary", "note"]


class IPAssetForm(ScopedModelForm):
    class Meta:
        model = IPAsset
        fields = [
            "kind",
            "title",
            "number",
            "status",
            "applied_on",
            "granted_on",
            "lapsed_on",
            "acquisition",
            "high_value",
            "products",
        ]
        widgets = {
            "applied_on": DateInput(),
            "granted_on": DateInput(),
            "lapsed_on": DateInput(),
            "products": forms.Textarea(attrs={"rows": 2, "col": "col-12"}),
        }


class EquityFinancingForm(ScopedModelForm):
    class Meta:
        model = EquityFinancing
        fields = ["received_on", "amount", "investor", "qualified_investor", "round", "note"]
        widgets = {"received_on": DateInput()}
