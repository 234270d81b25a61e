"""Forms of the chain-map pages: a target list; adding a registry company to a list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import ScopedModelForm, style_widgets

from .models import TargetList


class TargetListForm(ScopedModelForm):
    class Meta:
        model = TargetList
        fields = ["name", "department", "description"]


class TargetAddForm(forms.Form):
    """Put a registry company on a list (from a node's classified companies)."""

    target_list = forms.ModelChoiceField(queryset=TargetList.objects.all(), label=_("Target list"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["target_list"].queryset = TargetList.objects.visible_to(user)
        style_widgets(self)
