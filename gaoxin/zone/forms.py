from django import forms

from gaoxin.core.forms import ScopedModelForm

from .models import Park


class ParkForm(ScopedModelForm):
    class Meta:
        model = Park
        fields = ["zone", "name", "code", "kind", "area_mu", "sort_order", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "col": "col-12"})}
