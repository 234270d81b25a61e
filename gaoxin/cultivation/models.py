"""梯度培育: the tiers' rule sets (versioned data), experts' scores, innovation platforms,
科创新物种, and the recognition pipeline (batches, each firm's steps to a qualification).

A rule set is data (ADR 0019): a tier's thresholds with their confidence, a version and the
days it applies; two versions of one tier may not overlap. The evaluator (``engine.py``)
reads the version valid on the day it judges.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet, StageChangeBase
from gaoxin.core.validity import overlapping

from .rules import EXPERT_KEYS, Tier, expert_choices, params_errors

YEAR = [MinValueValidator(1990), MaxValueValidator(2100)]


class ZoneDataQuerySet(ScopedQuerySet):
    """The zone's configuration: every signed-in user reads it."""

    scope_field = None


class RuleSetQuerySet(ZoneDataQuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class RuleSet(ChangeLoggedModel):
    """One version of a tier's rules: thresholds with their confidence (``params``, see
    ``rules.SCHEMAS``), the document it rests on and the days it applies."""

    tier = models.CharField(gettext_lazy("tier"), max_length=20, choices=Tier.choices)
    version = models.CharField(gettext_lazy("version"), max_length=30)
    name = models.CharField(gettext_lazy("name"), max_length=100)
    valid_from = models.DateField(gettext_lazy("valid from"))
    valid_to = models.DateField(gettext_lazy("valid to"), null=True, blank=True)
    source_document = models.CharField(gettext_lazy("source document"), max_length=300)
    params = models.JSONField(gettext_lazy("thresholds"), default=dict)
    note = models.TextField(gettext_lazy("note"), blank=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        ordering = ["tier", "-valid_from"]
        verbose_name = gettext_lazy("rule set")
        verbose_name_plural = gettext_lazy("rule sets")
        constraints = [
            models.UniqueConstraint(
                fields=["tier", "version"],
                name="ruleset_unique_version",
                violation_error_message=gettext_lazy("This tier already has a rule set of this version."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="ruleset_valid_to_after_from",
                violation_error_message=gettext_lazy("A rule set cannot end before it begins."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} {self.version}"

    def get_absolute_url(self) -> str:
        return f"{reverse('cultivation:candidate_list')}?tier={self.tier}"

    def overlapping(self):
        """Other versions of the tier whose days meet this one's."""
        return overlapping(
            RuleSet.objects.filter(tier=self.tier).exclude(pk=self.pk), self.valid_from, self.valid_to
        )

    def clean(self) -> None:
        errors = params_errors(self.tier, self.params)
        if errors:
            raise ValidationError({"params": errors})
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("A rule set cannot end before it begins.")})
        clash = self.overlapping().first() if self.valid_from else None
        if clash is not None:
            raise ValidationError(
                {
                    "valid_from": _(
                        "The validity overlaps rule set %(other)s (%(start)s to %(end)s) of the same tier."
                    )
                    % {"other": clash.version, "start": clash.valid_from, "end": clash.valid_to or _("open")}
                }
            )

    def save(self, *args, **kwargs):
        self.full_clean()
        super().save(*args, **kwargs)


class ExpertInputQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"


class ExpertInput(ChangeLoggedModel):
    """A score that needs expert judgement (技术先进程度, 成果转化 …), entered by a clerk for a
    firm, year and tier; the evaluator reads it as the criterion's value, never a guess."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=gettext_lazy("enterprise"),
        on_delete=models.CASCADE,
        related_name="expert_inputs",
    )
    year = models.PositiveSmallIntegerField(gettext_lazy("year"), validators=YEAR)
    tier = models.CharField(gettext_lazy("tier"), max_length=20, choices=Tier.choices)
    key = models.CharField(gettext_lazy("item"), max_length=30, choices=expert_choices())
    score = models.DecimalField(gettext_lazy("score"), max_digits=5, decimal_places=1)
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)

    objects = ExpertInputQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["enterprise_id", "-year", "tier", "key"]
        verbose_name = gettext_lazy("expert input")
        verbose_name_plural = gettext_lazy("expert inputs")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year", "tier", "key"],
                name="expertinput_unique",
                violation_error_message=gettext_lazy(
                    "This item already has a score for this firm, year and tier."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.year} · {self.get_tier_display()} · {self.get_key_display()}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_tab", args=[self.enterprise_id, "cultivation"])

    def clean(self) -> None:
        keys = EXPERT_KEYS.get(self.tier, {})
        if self.key not in keys:
            name = dict(expert_choices()).get(self.key, self.key)
            raise ValidationError({"key": _("This tier has no expert item %(key)s.") % {"key": name}})
        maximum = keys[self.key][1]
        if self.score is not None and not 0 <= self.score <= maximum:
            raise ValidationError({"score": _("The score must be between 0 and %(max)s.") % {"max": maximum}})


class Level(models.TextChoices):
    NATIONAL = "national", gettext_lazy("National")
    PROVINCIAL = "provincial", gettext_lazy("Provincial")
    MUNICIPAL = "municipal", gettext_lazy("Municipal")


LEVEL_RANK = {Level.NATIONAL: 3, Level.PROVINCIAL: 2, Level.MUNICIPAL: 1}


class PlatformQuerySet(ScopedQuerySet):
    scope_field = "host_id"

    def valid_on(self, day: datetime.date):
        return self.filter(Q(recognised_on__lte=day), Q(expires_on__isnull=True) | Q(expires_on__gte=day))


class Platform(ChangeLoggedModel):
    """An innovation platform (重点实验室, 工程技术研究中心, 企业技术中心 …) with its level and
    host firm: the "R&D institutions and their level" the tiers' rules read."""

    class Kind(models.TextChoices):
        KEY_LAB = "key_lab", gettext_lazy("Key laboratory (重点实验室)")
        ENGINEERING = "engineering", gettext_lazy("Engineering technology research centre (工程技术研究中心)")
        TECH_CENTRE = "tech_centre", gettext_lazy("Enterprise technology centre (企业技术中心)")
        ACADEMICIAN = "academician", gettext_lazy("Academician expert workstation (院士专家工作站)")
        POSTDOC = "postdoc", gettext_lazy("Postdoctoral workstation (博士后工作站)")
        INNOVATION_CENTRE = (
            "innovation_centre",
            gettext_lazy("Manufacturing innovation centre (制造业创新中心)"),
        )
        INCUBATOR = "incubator", gettext_lazy("Incubator or maker space (孵化器/众创空间)")
        OTHER = "other", gettext_lazy("Other")

    name = models.CharField(gettext_lazy("name"), max_length=200)
    kind = models.CharField(gettext_lazy("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(gettext_lazy("level"), max_length=12, choices=Level.choices)
    host = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=gettext_lazy("host enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="platforms",
    )
    recognised_on = models.DateField(gettext_lazy("recognised on"))
    expires_on = models.DateField(gettext_lazy("valid until"), null=True, blank=True)
    issuer = models.CharField(gettext_lazy("recognised by"), max_length=100, blank=True)
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)

    objects = PlatformQuerySet.as_manager()
    audit_parent = "host"

    class Meta:
        ordering = ["level", "kind", "name"]
        verbose_name = gettext_lazy("innovation platform")
        verbose_name_plural = gettext_lazy("innovation platforms")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("recognised_on")),
                name="platform_expiry_after_recognition",
                violation_error_message=gettext_lazy(
                    "The expiry date cannot be before the recognition date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cultivation:platform_detail", args=[self.pk])


class NewSpeciesTier(ChangeLoggedModel):
    """A tier of the zone's 科创新物种 ladder (种子, 瞪羚, 准独角兽, 独角兽 …): configurable."""

    code = models.SlugField(gettext_lazy("code"), max_length=30, unique=True)
    name = models.CharField(gettext_lazy("name"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(gettext_lazy("order"), default=100)
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)

    objects = ZoneDataQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = gettext_lazy("new-species tier")
        verbose_name_plural = gettext_lazy("new-species tiers")

    def __str__(self) -> str:
        return self.name


class NewSpeciesRecord(ChangeLoggedModel):
    """A firm on the 新物种 ladder in a year."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=gettext_lazy("enterprise"),
        on_delete=models.CASCADE,
        related_name="new_species",
    )
    tier = models.ForeignKey(NewSpeciesTier, verbose_name=gettext_lazy("tier"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(gettext_lazy("year"), validators=YEAR)
    recognised_on = models.DateField(gettext_lazy("recognised on"), null=True, blank=True)
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)

    objects = ExpertInputQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-year", "tier__sort_order", "enterprise_id"]
        verbose_name = gettext_lazy("new-species record")
        verbose_name_plural = gettext_lazy("new-species records")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="newspecies_one_per_year",
                violation_error_message=gettext_lazy(
                    "This firm already has a new-species tier for this year."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.year} · {self.tier.name}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_tab", args=[self.enterprise_id, "cultivation"])


class Batch(ChangeLoggedModel):
    """A recognition round (申报批次) of a tier: e.g. 2025年第一批高新技术企业认定."""

    tier = models.CharField(gettext_lazy("tier"), max_length=20, choices=Tier.choices)
    year = models.PositiveSmallIntegerField(gettext_lazy("year"), validators=YEAR)
    name = models.CharField(gettext_lazy("name"), max_length=100)
    deadline = models.DateField(gettext_lazy("application deadline"), null=True, blank=True)
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)

    objects = ZoneDataQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "tier", "name"]
        verbose_name = gettext_lazy("recognition batch")
        verbose_name_plural = gettext_lazy("recognition batches")
        constraints = [
            models.UniqueConstraint(
                fields=["tier", "year", "name"],
                name="batch_unique_name",
                violation_error_message=gettext_lazy(
                    "A batch of this name already exists for the tier and year."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cultivation:batch_detail", args=[self.pk])


class RecognitionStage(models.TextChoices):
    RECOMMENDED = "recommended", gettext_lazy("Recommended (推荐)")
    MATERIALS = "materials", gettext_lazy("Materials (材料)")
    APPLIED = "applied", gettext_lazy("Applied (申报)")
    PUBLICISED = "publicised", gettext_lazy("Publicised (公示)")
    RECOGNISED = "recognised", gettext_lazy("Recognised (认定)")
    REJECTED = "rejected", gettext_lazy("Not passed (未通过)")


class RecognitionQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"

    def in_pipeline(self):
        return self.exclude(stage__in=[RecognitionStage.RECOGNISED, RecognitionStage.REJECTED])


class Recognition(ChangeLoggedModel):
    """One firm in a batch, moving 推荐 → 材料 → 申报 → 公示 → 认定 / 未通过 (core.stages);
    on 认定 the service writes the firm's qualification and links it here."""

    batch = models.ForeignKey(
        Batch, verbose_name=gettext_lazy("batch"), on_delete=models.PROTECT, related_name="recognitions"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=gettext_lazy("enterprise"),
        on_delete=models.PROTECT,
        related_name="recognitions",
    )
    stage = models.CharField(
        gettext_lazy("stage"),
        max_length=12,
        choices=RecognitionStage.choices,
        default=RecognitionStage.RECOMMENDED,
    )
    stage_since = models.DateField(gettext_lazy("stage since"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_no = models.CharField(gettext_lazy("certificate no."), max_length=100, blank=True)
    qualification = models.ForeignKey(
        "enterprises.Qualification",
        verbose_name=gettext_lazy("qualification written"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)

    objects = RecognitionQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["batch_id", "enterprise__name"]
        verbose_name = gettext_lazy("recognition")
        verbose_name_plural = gettext_lazy("recognitions")
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "enterprise"],
                name="recognition_once_per_batch",
                violation_error_message=gettext_lazy("This firm is already in the batch."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.batch} · {self.enterprise_id}"

    def get_absolute_url(self) -> str:
        return reverse("cultivation:batch_detail", args=[self.batch_id])


class RecognitionStageChange(StageChangeBase):
    """A step of a firm in a batch, with its date, who and (for 未通过 or going back) why."""

    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(gettext_lazy("from"), max_length=12, choices=RecognitionStage.choices)
    to_stage = models.CharField(gettext_lazy("to"), max_length=12, choices=RecognitionStage.choices)

    class Meta:
        ordering = ["recognition_id", "-date", "-id"]
        verbose_name = gettext_lazy("recognition step")
        verbose_name_plural = gettext_lazy("recognition steps")

    def __str__(self) -> str:
        return f"{self.recognition_id}: {self.from_stage} → {self.to_stage}"
