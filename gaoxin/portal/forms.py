"""Forms of the portal: plain forms whose data the services take (the services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.core import roles
from gaoxin.core.forms import style_widgets
from gaoxin.enterprises.models import Enterprise
from gaoxin.zone.models import Department

from .models import FirmRequest, RequestCategory, Right

RIGHT_CHOICES = Right.choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


CORRECTION_CATEGORY = "correction"  # raised from the dossier's 更正 links, not from this form


class RequestForm(forms.Form):
    """A firm raises a request; staff raising it for a firm also name the firm and the source."""

    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("Enterprise"))
    source = forms.ChoiceField(
        choices=[c for c in FirmRequest.Source.choices if c[0] != FirmRequest.Source.PORTAL],
        label=pgettext_lazy("request", "Source"),
    )
    category = forms.ModelChoiceField(
        queryset=RequestCategory.objects.exclude(code=CORRECTION_CATEGORY), label=_("Category")
    )
    urgency = forms.ChoiceField(choices=FirmRequest.Urgency.choices, label=_("Urgency"))
    title = forms.CharField(max_length=100, label=_("Subject"))
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "col": "col-12"}), label=_("Details of the request")
    )
    files = MultipleFileField(
        required=False,
        label=_("Attachments"),
        help_text=_("Images (JPEG, PNG) or PDF; at most 5 files."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf", "col": "col-12"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = roles.sees_whole_zone(user)
        if self.staff:
            self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        else:
            del self.fields["enterprise"], self.fields["source"]
        style_widgets(self)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), label=pgettext_lazy("request", "Answer")
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        choices=FirmRequest.Rating.choices, widget=forms.RadioSelect, label=_("Rating")
    )
    note = forms.CharField(max_length=300, required=False, label=_("Comment"))


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=300, label=_("Reason"))


class ReassignForm(ReasonForm):
    department = forms.ModelChoiceField(queryset=Department.objects.all(), label=_("Department"))


class InviteForm(forms.Form):
    name = forms.CharField(max_length=60, label=_("Name"))
    phone = forms.CharField(max_length=20, required=False, label=_("Mobile phone"))
    email = forms.EmailField(required=False, label=_("E-mail"))
    rights = forms.MultipleChoiceField(
        choices=RIGHT_CHOICES, widget=forms.CheckboxSelectMultiple, required=False, label=_("Rights")
    )
    is_admin = forms.BooleanField(required=False, label=_("Firm administrator"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class RightsForm(forms.Form):
    rights = forms.MultipleChoiceField(
        choices=RIGHT_CHOICES, widget=forms.CheckboxSelectMultiple, required=False, label=_("Rights")
    )
    is_admin = forms.BooleanField(required=False, label=_("Firm administrator"))


class FirstAdminForm(forms.Form):
    uscc = forms.CharField(max_length=30, label=_("Credit code (统一社会信用代码) as on the licence"))
    name = forms.CharField(max_length=60, label=_("Name"))
    phone = forms.CharField(max_length=20, required=False, label=_("Mobile phone"))
    email = forms.EmailField(required=False, label=_("E-mail"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class AcceptForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, label=_("Password"))
    password2 = forms.CharField(widget=forms.PasswordInput, label=_("Password again"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            raise forms.ValidationError(_("The two passwords differ."))
        return data


class CorrectionForm(forms.Form):
    """The firm names the field, the value it should have and why."""

    field = forms.ChoiceField(label=_("Field"))
    proposed_value = forms.CharField(
        max_length=2000, label=_("It should be"), widget=forms.Textarea(attrs={"rows": 2, "col": "col-12"})
    )
    reason = forms.CharField(
        max_length=500,
        label=_("Why (the document that shows it)"),
        widget=forms.Textarea(attrs={"rows": 3, "col": "col-12"}),
    )

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            (name, f"{label}（{_('now')}：{current or '—'}）") for name, label, current in fields
        ]
        style_widgets(self)


class CorrectionValueForm(forms.Form):
    """The department's value for the field: the record's own form field."""

    def __init__(self, *args, value_field=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"] = value_field
        value_field.label = _("Value to set")
        value_field.widget.attrs["col"] = "col-12"
        style_widgets(self)
