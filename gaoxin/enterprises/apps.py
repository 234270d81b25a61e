from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ("enterprise", "qualification", "annualfacts", "contact", "ipasset", "equityfinancing")
VIEW = [f"enterprises.view_{m}" for m in (*MODELS, "qualificationtype")] + ["core.view_tag"]


class EnterprisesConfig(AppConfig):
    name = "gaoxin.enterprises"
    label = "enterprises"
    verbose_name = _("Enterprise registry")

    # Deleting registry records is for administrators only (superusers hold every
    # permission); staff change an enterprise's status instead. Contacts are the exception.
    role_permissions = {
        "leader": VIEW,
        "auditor": VIEW,
        "enterprise": VIEW,
        "clerk": VIEW
        + [f"enterprises.{action}_{m}" for m in MODELS for action in ("add", "change")]
        + ["enterprises.delete_contact", "core.add_tag", "core.change_tag"],
    }

    def ready(self) -> None:
        from . import corrections  # noqa: F401 - the registry's correctable fields (enterprises.tabs)
