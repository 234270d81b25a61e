"""国家重点支持的高新技术领域: the eight first-level fields of the 2016 list.

Source: 《国家重点支持的高新技术领域》, the annex of 《高新技术企业认定管理办法》
(国科发火〔2016〕32号). Confidence: the eight first-level fields and their order are
verified (they head every re-post of the annex); the codes are ours (stable slugs, not
an official numbering), and the second- and third-level fields are not carried here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE = "《国家重点支持的高新技术领域》（国科发火〔2016〕32号附件）"
CONFIDENCE = "verified: the eight first-level fields; the codes are ours"


class TechField(models.TextChoices):
    ELECTRONIC_INFORMATION = "electronic_information", _("Electronic information")
    BIO_MEDICINE = "bio_medicine", _("Biology and new medicine")
    AEROSPACE = "aerospace", _("Aviation and aerospace")
    NEW_MATERIALS = "new_materials", _("New materials")
    HIGH_TECH_SERVICES = "high_tech_services", _("High-tech services")
    NEW_ENERGY = "new_energy", _("New energy and energy saving")
    RESOURCES_ENVIRONMENT = "resources_environment", _("Resources and environment")
    ADVANCED_MANUFACTURING = "advanced_manufacturing", _("Advanced manufacturing and automation")
