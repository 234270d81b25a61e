"""core.stages at its edges, on a register of its own (three ordered steps, a pause, an end):
same stage, forward, backward without and with a reason, skips, dates, pause and end."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from gaoxin.core.stages import StageMove, StageRules, check_move, latest_stage_date

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


class Step(models.TextChoices):
    DRAFT = "draft", "起草"
    REVIEW = "review", "审核"
    DONE = "done", "完成"
    PAUSED = "paused", "暂停"
    ENDED = "ended", "终止"


def refusal(move: StageMove) -> str:
    return (
        f"{'back' if move.backwards else 'move'} {move.from_stage}->{move.to_stage} {','.join(move.skipped)}"
    )


RULES = StageRules(
    stages=Step,
    order=(Step.DRAFT, Step.REVIEW, Step.DONE),
    paused=frozenset({Step.PAUSED}),
    ended=frozenset({Step.ENDED}),
    already="已处于该阶段。",
    refusal=refusal,
)


class History:
    """The few queryset calls ``paused_from`` makes, over (from, to, date, id) rows."""

    def __init__(self, rows):
        self.rows = list(rows)

    def filter(self, to_stage):
        return History(r for r in self.rows if r[1] == to_stage)

    def order_by(self, *fields):
        return History(sorted(self.rows, key=lambda r: (r[2], r[3]), reverse=True))

    def values_list(self, name, flat):
        return History(r[:1] for r in self.rows)

    def first(self):
        return self.rows[0][0] if self.rows else None


def move(current, to, reason="", date=TODAY, since=None, as_of=TODAY, **kwargs):
    return check_move(
        RULES, current=current, to_stage=to, date=date, reason=reason, since=since, as_of=as_of, **kwargs
    )


def refused(field, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        move(*args, **kwargs)
    assert list(caught.value.message_dict) == [field]
    return caught.value.message_dict[field][0]


def test_the_same_stage_is_refused_with_the_registers_words():
    assert refused("to_stage", Step.REVIEW, Step.REVIEW, reason="x") == "已处于该阶段。"


def test_an_unknown_stage_is_refused():
    assert "nowhere" in refused("to_stage", Step.DRAFT, "nowhere")


def test_forward_needs_no_reason_and_the_move_says_what_it_is():
    assert move(Step.DRAFT, Step.DONE, reason="  ") == StageMove(Step.DRAFT, Step.DONE, TODAY, "", False, ())


def test_backward_without_a_reason_is_refused_with_a_reason_allowed():
    assert refused("reason", Step.DONE, Step.DRAFT) == "back done->draft "
    allowed = move(Step.DONE, Step.DRAFT, reason=" 退回修改 ")
    assert (allowed.backwards, allowed.reason) == (True, "退回修改")


def test_a_skip_named_by_the_caller_needs_a_reason():
    assert refused("reason", Step.DRAFT, Step.DONE, skipped=["会签"]) == "move draft->done 会签"
    assert move(Step.DRAFT, Step.DONE, reason="容缺", skipped=["会签"]).skipped == ("会签",)


@pytest.mark.parametrize(("current", "to"), [(Step.REVIEW, Step.PAUSED), (Step.REVIEW, Step.ENDED)])
def test_pausing_or_ending_needs_a_reason(current, to):
    assert refused("reason", current, to) == f"move {current}->{to} "
    assert move(current, to, reason="资金未落实").to_stage == to


def test_reopening_what_has_ended_needs_a_reason():
    refused("reason", Step.ENDED, Step.DONE)
    assert move(Step.ENDED, Step.DONE, reason="重新启动").backwards is False


@pytest.mark.parametrize(
    ("to", "needs_reason"), [(Step.DRAFT, True), (Step.REVIEW, False), (Step.DONE, False)]
)
def test_leaving_a_pause_is_judged_against_the_stage_it_paused(to, needs_reason):
    history = History(
        [(Step.DRAFT, Step.PAUSED, TODAY - 9 * DAY, 1), (Step.REVIEW, Step.PAUSED, TODAY - DAY, 2)]
    )
    if needs_reason:
        assert refused("reason", Step.PAUSED, to, history=history) == f"back paused->{to} "
    else:
        assert move(Step.PAUSED, to, history=history).backwards is False


def test_leaving_a_pause_without_history_is_never_backwards():
    assert move(Step.PAUSED, Step.DRAFT).backwards is False


def test_a_move_needs_a_date():
    refused("date", Step.DRAFT, Step.REVIEW, date=None)


@pytest.mark.parametrize(("as_of_days", "latest_days"), [(0, 0), (-30, -30), (30, 0)])
def test_no_date_after_today_nor_after_the_evaluation_date(as_of_days, latest_days):
    # today as the test runs (the module's TODAY may be yesterday when a run crosses midnight
    # in the zone's time zone)
    today = timezone.localdate()
    as_of, latest = today + as_of_days * DAY, today + latest_days * DAY
    assert latest_stage_date(as_of) == latest
    assert move(Step.DRAFT, Step.REVIEW, date=latest, as_of=as_of).date == latest
    assert str(latest + DAY) in refused("date", Step.DRAFT, Step.REVIEW, date=latest + DAY, as_of=as_of)


def test_no_date_before_the_current_stage_began():
    since = TODAY - 5 * DAY
    assert move(Step.DRAFT, Step.REVIEW, date=since, since=since).date == since
    assert str(since) in refused("date", Step.DRAFT, Step.REVIEW, date=since - DAY, since=since)


def test_the_date_is_checked_before_the_reason():
    refused("date", Step.DONE, Step.DRAFT, date=TODAY + DAY)
