"""Forms of cultivation's registers: platforms (科创平台) and 科创新物种 records, kept by the
clerks on the generic edit view (audit, optimistic locking, scope of the host firm)."""

from gaoxin.core.forms import ScopedModelForm

from .models import NewSpeciesRecord, Platform


class PlatformForm(ScopedModelForm):
    class Meta:
        model = Platform
        fields = ["name", "kind", "level", "host", "recognised_on", "expires_on", "issuer", "note"]


class NewSpeciesRecordForm(ScopedModelForm):
    class Meta:
        model = NewSpeciesRecord
        fields = ["enterprise", "tier", "year", "recognised_on", "note"]
