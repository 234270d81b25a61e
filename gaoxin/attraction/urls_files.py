"""Contract files and activity attachments, served through their record."""

from django.urls import path

from .models import Activity, Signing
from .views_files import StoredFileView

urlpatterns = [
    path(
        "signings/<int:pk>/contract/",
        StoredFileView.as_view(model=Signing, field="contract_file"),
        name="signing_contract",
    ),
    path(
        "activities/<int:pk>/attachment/",
        StoredFileView.as_view(model=Activity, field="attachment"),
        name="activity_attachment",
    ),
]
