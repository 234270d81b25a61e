"""National code tables: GB/T 4754-2017 industries and GB/T 2260 regions.

Read-only reference data loaded from the official tables in ``data/``; the code is the
primary key, so a foreign key to an industry *is* its code (``C3841`` is stored as ``3841``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ScopedQuerySet


class IndustryQuerySet(ScopedQuerySet):
    def classes(self):
        return self.filter(level=Industry.Level.CLASS)


class Industry(models.Model):
    """One category of 国民经济行业分类 GB/T 4754-2017 (门类, 大类, 中类 or 小类)."""

    class Level(models.TextChoices):
        SECTION = "section", _("Section (门类)")
        DIVISION = "division", _("Division (大类)")
        GROUP = "group", _("Group (中类)")
        CLASS = "class", _("Class (小类)")

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT
    )
    section_code = models.CharField(_("section"), max_length=1, db_index=True)
    division_code = models.CharField(_("division"), max_length=2, blank=True, db_index=True)
    notes = models.TextField(_("NBS notes"), blank=True)

    objects = IndustryQuerySet.as_manager()

    class Meta:
        ordering = ["section_code", "code"]
        verbose_name = _("industry (GB/T 4754-2017)")
        verbose_name_plural = _("industries (GB/T 4754-2017)")

    def __str__(self) -> str:
        return f"{self.full_code} {self.name}"

    @property
    def full_code(self) -> str:
        """The code as written on forms: section letter + digits (``C3841``)."""
        return self.code if self.level == self.Level.SECTION else f"{self.section_code}{self.code}"


class Region(models.Model):
    """A GB/T 2260 administrative division code, current or historical."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        PREFECTURE = "prefecture", _("Prefecture")
        COUNTY = "county", _("County")

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=50)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    province_name = models.CharField(_("province"), max_length=30)
    prefecture_name = models.CharField(_("prefecture"), max_length=30, blank=True)
    in_use = models.BooleanField(_("in use"), default=True)
    valid_from = models.PositiveSmallIntegerField(_("in use since"), null=True, blank=True)
    valid_until = models.PositiveSmallIntegerField(_("abolished in"), null=True, blank=True)
    successors = models.CharField(_("successor codes"), max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region (GB/T 2260)")
        verbose_name_plural = _("regions (GB/T 2260)")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        parts = [self.province_name]
        if self.prefecture_name and self.prefecture_name not in (self.province_name, "直辖"):
            parts.append(self.prefecture_name)
        if self.name not in parts:
            parts.append(self.name)
        text = "".join(parts)
        return text if self.in_use else f"{text}（{self.valid_until}年撤销）"
