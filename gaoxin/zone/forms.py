from django import forms

from gaoxin.core.forms import DateInput, ScopedModelForm

from .models import CalendarOverride, Park


class ParkForm(ScopedModelForm):
    class Meta:
        model = Park
        fields = ["zone", "name", "code", "kind", "area_mu", "sort_order", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "col": "col-12"})}


class CalendarOverrideForm(ScopedModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["date", "is_workday", "reason"]
        widgets = {"date": DateInput()}
