"""Forms of cultivation's registers: platforms (科创平台), 科创新物种 records and the experts'
scores, kept by the clerks on the generic edit view (audit, optimistic locking, scope of the
firm)."""

from gaoxin.core.forms import ScopedModelForm

from .models import ExpertInput, NewSpeciesRecord, Platform


class PlatformForm(ScopedModelForm):
    class Meta:
        model = Platform
        fields = ["name", "kind", "level", "host", "recognised_on", "expires_on", "issuer", "note"]


class NewSpeciesRecordForm(ScopedModelForm):
    class Meta:
        model = NewSpeciesRecord
        fields = ["enterprise", "tier", "year", "recognised_on", "note"]


class ExpertInputForm(ScopedModelForm):
    """An expert's score for a firm, year and tier; the item must belong to the tier and the
    score lie within its maximum (``ExpertInput.clean``)."""

    class Meta:
        model = ExpertInput
        fields = ["enterprise", "year", "tier", "key", "score", "note"]
