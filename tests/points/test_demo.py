"""The demo's points and payouts reproduce the article: 科技奖励资金 2000 万元 and 创新积分奖励
268 万元 paid in 2024, 积分贷 20 亿元; the scheme is labelled 示例 on its pages."""

from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse

from gaoxin.enterprises.models import Enterprise
from gaoxin.payouts.models import Payout
from gaoxin.points.models import PointLoan, PointScheme
from gaoxin.points.services import points_compute, scheme_problems


def test_the_2024_payouts_sum_to_the_articles_figures(loaded):
    paid = dict(
        Payout.objects.filter(paid_on__year=2024).values_list("programme__name").annotate(total=Sum("amount"))
    )
    # the article's two programmes, and the demo's sample policy (labelled 示例): 15 first 高企
    # awards of 2023 × 20 万元 paid in May 2024, so that 政策效益 compares 2023 with 2024
    assert paid == {
        "科技奖励资金": Decimal(2000),
        "创新积分奖励": Decimal(268),
        "随州高新区促进科技创新若干政策（示例）": Decimal(300),
    }


def test_the_tech_awards_go_to_valid_high_tech_firms(loaded):
    import datetime

    high_tech = set(
        Enterprise.objects.with_qualification("high_tech", datetime.date(2024, 12, 31)).values_list(
            "pk", flat=True
        )
    )
    awarded = set(Payout.objects.filter(programme__code="tech_award").values_list("enterprise_id", flat=True))
    assert len(awarded) == 80
    assert awarded <= high_tech


def test_points_rewards_and_loans_go_to_the_best_of_2023(loaded):
    scheme = PointScheme.objects.get()
    best = sorted(
        (s for s in points_compute(scheme=scheme, year=2023) if s.stage), key=lambda s: (-s.total, s.name)
    )
    rewarded = set(
        Payout.objects.filter(programme__code="points_reward").values_list("enterprise_id", flat=True)
    )
    assert rewarded == {s.enterprise_id for s in best[:22]}
    assert PointLoan.objects.aggregate(total=Sum("amount"))["total"] == Decimal(200000)
    assert set(PointLoan.objects.values_list("enterprise_id", flat=True)) == {
        s.enterprise_id for s in best[:100]
    }


def test_the_example_scheme_is_consistent_and_labelled(loaded, client):
    from django.contrib.auth.models import User

    scheme = PointScheme.objects.get()
    assert scheme.is_example
    assert scheme_problems(scheme) == []
    client.force_login(User.objects.get(username="leader"))
    for url in (reverse("points:scheme_detail", args=[scheme.pk]), reverse("points:points_list")):
        page = client.get(url)
        assert page.status_code == 200
        assert 'data-testid="example-scheme"' in page.content.decode()


def test_the_demo_pages_answer(loaded, client):
    from django.contrib.auth.models import User

    firm = Enterprise.objects.get(name="齐星车辆")
    client.force_login(User.objects.get(username="leader"))
    urls = [
        reverse("payouts:payout_list"),
        reverse("payouts:payout_totals"),
        reverse("payouts:programme_list"),
        reverse("points:pointloan_list"),
        reverse("points:consent_list"),
        reverse("points:sheet", args=[firm.pk]),
        reverse("enterprises:enterprise_tab", args=[firm.pk, "points"]),
        reverse("points:points_list") + "?year=2023&stage=growth",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
