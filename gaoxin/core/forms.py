"""Form base classes: Tabler widgets, and related-object choices limited to the user's scope."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import people

WIDGET_CLASSES = {
    forms.CheckboxInput: "form-check-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.RadioSelect: "form-check-input",
    forms.CheckboxSelectMultiple: "form-check-input",
}


def plain_decimal(value: Decimal) -> str:
    """A stored Decimal as a person types it: 5000.0000 → "5000", 3.2000 → "3.2" (never 5E+3)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def style_widgets(form) -> None:
    for field in form.fields.values():
        name_people(field)
        if getattr(field, "empty_label", None) == "---------":  # Django's blank choice, never shown as such
            field.empty_label = _("Choose…")
            if hasattr(field.widget, "choices") and hasattr(field, "queryset"):
                field.widget.choices = field.choices
        elif isinstance(field, forms.ChoiceField) and type(field.choices).__name__ in {
            "list",
            "BlankChoiceIterator",
        }:
            choices = list(field.choices)  # a model field's static choices (with Django's blank dash)
            if any(value == "" and label == "---------" for value, label in choices):
                field.choices = [
                    (value, _("Choose…") if value == "" and label == "---------" else label)
                    for value, label in choices
                ]
        widget = field.widget
        css = next((c for t, c in WIDGET_CLASSES.items() if isinstance(widget, t)), "form-control")
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"


def name_people(field) -> None:
    """A choice of users lists display names, never logins (a form may set its own label)."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or queryset.model is not get_user_model():
        return
    if getattr(field.label_from_instance, "__func__", None) is forms.ModelChoiceField.label_from_instance:
        field.label_from_instance = people.user_name


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that knows its user: related choices come from ``visible_to(user)``,
    so a firm's user cannot even name another firm's records."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "visible_to") and user is not None:
                field.queryset = queryset.visible_to(user)
        style_widgets(self)
        for name, field in self.fields.items():
            value = self.initial.get(name)
            if isinstance(field, forms.DecimalField) and isinstance(value, Decimal):
                self.initial[name] = plain_decimal(value)

    # Fields set by the view, not the form (the parent enterprise of a qualification):
    # still validated, so unique constraints involving them are checked before saving.
    validate_with_fields: set[str] = set()

    def _get_validation_exclusions(self):
        return set(super()._get_validation_exclusions()) - set(self.validate_with_fields)


class StatusForm(forms.ModelForm):
    """Status change with a mandatory reason (kept as the audit message)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.TextInput(attrs={"col": "col-12"})
    )

    class Meta:
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        style_widgets(self)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
