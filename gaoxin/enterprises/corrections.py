"""The registry's fields a firm may ask the zone to correct (更正, issue 15 item 2): its
profile, titles, annual facts, IP, financing and contacts. The department that answers is the
信息更正 category's (the zone's configuration). Other apps register theirs in
``enterprise_tabs.py`` (``enterprises.tabs.correctable``)."""

from .models import AnnualFacts, Contact, Enterprise, EquityFinancing, IPAsset, Qualification
from .tabs import correctable

correctable(
    Enterprise,
    (
        "name",
        "uscc",
        "legal_representative",
        "established_on",
        "registered_capital",
        "address",
        "park",
        "industry",
        "status",
        "scale",
        "business_scope",
        "tech_field",
        "tax_collection_mode",
        "main_product",
        "niche_market_since",
    ),
    firm="pk",
)
correctable(Qualification, ("type", "level", "certificate_no", "granted_on", "expires_on", "revoked_on"))
correctable(
    AnnualFacts,
    tuple(
        f.name
        for f in AnnualFacts._meta.concrete_fields
        if f.editable and f.name not in ("id", "enterprise", "year", "source")
    ),
)
correctable(
    IPAsset,
    ("kind", "title", "number", "status", "applied_on", "granted_on", "lapsed_on", "acquisition", "products"),
)
correctable(EquityFinancing, ("amount", "received_on", "investor", "qualified_investor", "round"))
correctable(Contact, ("name", "title", "phone", "email"))
