"""The demo's 梯度培育 (issue 13): the article's 162 provincial-or-higher innovation platforms
and 55 科创新物种 firms, the 2024 高企 batch through which the 60 new 高企 of 2024 were
recognised (their qualifications are the generator's: the batch links them), and a 2025 高企
batch in the pipeline on the evaluation day (30 September 2025). Platform names, hosts and
the split by level and kind are synthetic; only the counts are the article's."""

import datetime
import random

from gaoxin.cultivation.models import (
    Batch,
    NewSpeciesRecord,
    NewSpeciesTier,
    Platform,
    Recognition,
    RecognitionStage,
    RecognitionStageChange,
)
from gaoxin.enterprises.models import Enterprise, Qualification

PLATFORMS = 162  # provincial or higher (article)
NATIONAL_PLATFORMS = 18  # synthetic split
NEW_SPECIES = {"seed": 30, "gazelle": 10, "quasi_unicorn": 12, "unicorn": 3}  # 55 (article); split synthetic
KINDS = ["tech_centre", "engineering", "key_lab", "academician", "postdoc", "innovation_centre"]
KIND_WORDS = {
    "tech_centre": "企业技术中心",
    "engineering": "工程技术研究中心",
    "key_lab": "重点实验室",
    "academician": "院士专家工作站",
    "postdoc": "博士后工作站",
    "innovation_centre": "制造业创新中心",
}
STEPS = [
    RecognitionStage.MATERIALS,
    RecognitionStage.APPLIED,
    RecognitionStage.PUBLICISED,
    RecognitionStage.RECOGNISED,
]


def reset() -> None:
    RecognitionStageChange.objects.all().delete()
    Recognition.objects.all().delete()
    Batch.objects.all().delete()
    NewSpeciesRecord.objects.all().delete()
    Platform.objects.all().delete()


def high_tech_firms(day: datetime.date) -> list[Enterprise]:
    return list(Enterprise.objects.with_qualification("high_tech", day).order_by("pk"))


def load_platforms(rng: random.Random, hosts: list[Enterprise]) -> int:
    for index, host in enumerate(rng.sample(hosts, PLATFORMS)):
        level = "national" if index < NATIONAL_PLATFORMS else "provincial"
        kind = rng.choice(KINDS)
        Platform.objects.create(
            name=f"{'国家' if level == 'national' else '湖北省'}{host.name}{KIND_WORDS[kind]}",
            kind=kind,
            level=level,
            host=host,
            recognised_on=datetime.date(rng.randint(2015, 2024), rng.randint(1, 12), 1),
            issuer="科技部" if level == "national" else "湖北省科技厅",
        )
    return PLATFORMS


def load_new_species(rng: random.Random, hosts: list[Enterprise]) -> int:
    gazelles = list(Enterprise.objects.with_qualification("gazelle", datetime.date(2024, 12, 31)))
    others = [f for f in hosts if f not in gazelles]
    rng.shuffle(others)
    chosen = {"gazelle": gazelles[: NEW_SPECIES["gazelle"]]}
    offset = 0
    for code in ("seed", "quasi_unicorn", "unicorn"):
        chosen[code] = others[offset : offset + NEW_SPECIES[code]]
        offset += NEW_SPECIES[code]
    for code, firms in chosen.items():
        tier = NewSpeciesTier.objects.get(code=code)
        for firm in firms:
            NewSpeciesRecord.objects.create(
                enterprise=firm, tier=tier, year=2024, recognised_on=datetime.date(2024, 10, 15)
            )
    return sum(len(f) for f in chosen.values())


def move(recognition: Recognition, steps, dates, user) -> None:
    current = recognition.stage
    for step, day in zip(steps, dates, strict=False):
        RecognitionStageChange.objects.create(
            recognition=recognition, from_stage=current, to_stage=step, date=day, user=user
        )
        current = step
        recognition.stage, recognition.stage_since = step, day
    recognition.save()


def load_2024_batch(user) -> int:
    """The 60 certificates granted in 2024, each with its four steps before its grant day."""
    batch = Batch.objects.create(
        tier="high_tech",
        year=2024,
        name="2024年高新技术企业认定（湖北省）",
        deadline=datetime.date(2024, 6, 30),
    )
    grants = Qualification.objects.filter(type__code="high_tech", granted_on__year=2024).select_related(
        "enterprise"
    )
    for q in grants:
        r = Recognition.objects.create(
            batch=batch,
            enterprise=q.enterprise,
            stage_since=datetime.date(2024, 3, 1),
            owner=user,
            certificate_no=q.certificate_no,
            qualification=q,
        )
        move(
            r,
            STEPS,
            [
                datetime.date(2024, 4, 15),
                datetime.date(2024, 6, 20),
                datetime.date(2024, 10, 20),
                q.granted_on,
            ],
            user,
        )
    return grants.count()


def load_2025_batch(rng: random.Random, user) -> int:
    batch = Batch.objects.create(
        tier="high_tech",
        year=2025,
        name="2025年高新技术企业认定（湖北省）",
        deadline=datetime.date(2025, 10, 31),
    )
    valid = {f.pk for f in high_tech_firms(datetime.date(2025, 9, 30))}
    pool = [f for f in Enterprise.objects.filter(status="active").order_by("pk") if f.pk not in valid]
    firms = rng.sample(pool, 48)
    dates = [datetime.date(2025, 5, 10), datetime.date(2025, 7, 15), datetime.date(2025, 9, 20)]
    for index, firm in enumerate(firms):
        r = Recognition.objects.create(
            batch=batch, enterprise=firm, stage_since=datetime.date(2025, 4, 1), owner=user
        )
        move(r, STEPS[: index % 4], dates, user)
    return len(firms)


def load(user) -> dict:
    rng = random.Random(13)
    hosts = high_tech_firms(datetime.date(2024, 12, 31))
    return {
        "platforms": load_platforms(rng, hosts),
        "new_species": load_new_species(rng, hosts),
        "high_tech_2024_batch": load_2024_batch(user),
        "high_tech_2025_pipeline": load_2025_batch(rng, user),
    }
