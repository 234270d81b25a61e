from gaoxin.core.forms import ScopedModelForm

from .models import Target


class TargetForm(ScopedModelForm):
    class Meta:
        model = Target
        fields = [
            "indicator",
            "year",
            "scope",
            "park",
            "department",
            "basis",
            "base_value",
            "stretch_value",
            "strict",
            "split",
            "yellow_gap",
            "note",
        ]
