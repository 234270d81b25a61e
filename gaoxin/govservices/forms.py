from gaoxin.core.forms import ScopedModelForm

from .models import ServiceItem


class ServiceItemForm(ScopedModelForm):
    class Meta:
        model = ServiceItem
        fields = [
            "code",
            "name",
            "department",
            "kind",
            "legal_basis",
            "time_limit_workdays",
            "statutory_limit_workdays",
            "materials",
            "fee",
            "channel",
            "integrated",
            "cross_region",
            "promised",
            "no_application",
            "smart",
            "is_example",
            "note",
        ]
