"""Dated, reasoned stage changes: the one stage machine behind 招商 leads and key projects.

A register names its stages (a ``TextChoices``), their usual order, the states that pause the
work (搁置, 停缓建) and those that end it (终止), and the words of its refusals
(``StageRules``); ``stage_move`` checks a record's move against the rules they share
(``check_move`` without a record) and ``stage_record`` writes it. What only one register knows (nodes skipped, lights, deadlines,
production dates) stays in its service, which calls these two.

The shared rules (ADR 0016):

- the target is a known stage other than the current one;
- the move has a date, not before the current stage began and not after the last day that
  has happened: today, or the zone's evaluation date when that is earlier — a change dated
  after the day the zone is judged on would be a stage that has not begun on that day;
- a reason is needed to go back, to pause, to end, to reopen what has ended, or to skip what
  the caller says is skipped; leaving a pause is judged against the stage it paused, so
  coming out of it into an earlier stage is going back.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .context import acting_as, change_message


@dataclass(frozen=True)
class StageMove:
    """A move the rules allow: what the service records and the refusal's words are made of."""

    from_stage: str
    to_stage: str
    date: datetime.date
    reason: str = ""
    backwards: bool = False
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageRules:
    """One register's stage machine: its stages, their order, pauses and ends; ``already`` is
    the words for a move to the current stage, ``refusal`` those for a missing reason."""

    stages: type[models.TextChoices]
    order: tuple[str, ...]
    paused: frozenset[str]
    ended: frozenset[str]
    already: str
    refusal: Callable[[StageMove], str]

    def rank(self, stage: str | None) -> int | None:
        """Position in the usual order; None for a pause, an end or nothing."""
        return self.order.index(stage) if stage in self.order else None

    def label(self, stage: str) -> str:
        return self.stages(stage).label


def latest_stage_date(as_of: datetime.date) -> datetime.date:
    """The last day a stage change may be dated: today, or the evaluation date if earlier."""
    return min(timezone.localdate(), as_of)


def check_target(rules: StageRules, current: str, to_stage: str) -> None:
    if to_stage not in rules.stages.values:
        raise ValidationError({"to_stage": _("Unknown stage %(s)s.") % {"s": to_stage}})
    if to_stage == current:
        raise ValidationError({"to_stage": rules.already})


def check_date(date: datetime.date | None, *, since: datetime.date | None, as_of: datetime.date) -> None:
    if date is None:
        raise ValidationError({"date": _("Give the date of the move.")})
    if date > latest_stage_date(as_of):
        raise ValidationError({"date": _("The date %(d)s is in the future.") % {"d": date}})
    if since and date < since:
        raise ValidationError(
            {
                "date": _("The date %(d)s is before the current stage began (%(since)s).")
                % {"d": date, "since": since}
            }
        )


def paused_from(history, paused: str) -> str | None:
    """The stage the record was in when it last entered ``paused`` (from its history rows)."""
    rows = history.filter(to_stage=paused).order_by("-date", "-id")
    return rows.values_list("from_stage", flat=True).first()


def next_stage(rules: StageRules, current: str, history=None) -> str | None:
    """The stage a move usually goes to: the next in the order; out of a pause, the stage it
    paused (resuming); None at the last stage or after an end. Forms offer it first."""
    if current in rules.paused and history is not None:
        return paused_from(history, current)
    rank = rules.rank(current)
    if rank is None or rank + 1 >= len(rules.order):
        return None
    return rules.order[rank + 1]


def is_backwards(rules: StageRules, current: str, to_stage: str, history) -> bool:
    """An earlier stage in the order; out of a pause, earlier than the stage it paused."""
    judged = paused_from(history, current) if current in rules.paused and history is not None else current
    new, old = rules.rank(to_stage), rules.rank(judged)
    return new is not None and old is not None and new < old


def needs_reason(rules: StageRules, move: StageMove) -> bool:
    leaves_end = move.from_stage in rules.ended
    return move.backwards or bool(move.skipped) or move.to_stage in rules.paused | rules.ended or leaves_end


def check_move(
    rules: StageRules,
    *,
    current: str,
    to_stage: str,
    date: datetime.date | None,
    reason: str,
    since: datetime.date | None,
    as_of: datetime.date,
    history=None,
    skipped: Sequence[str] = (),
) -> StageMove:
    """The move from ``current`` to ``to_stage`` if the rules allow it, else a ValidationError
    keyed by the field at fault. ``history`` (stage change rows) tells which stage a pause
    paused; ``skipped`` names what the move skips (a reason is then needed)."""
    check_target(rules, current, to_stage)
    check_date(date, since=since, as_of=as_of)
    backwards = is_backwards(rules, current, to_stage, history)
    reason = (reason or "").strip()
    move = StageMove(current, to_stage, date, reason, backwards, tuple(skipped))
    if not reason and needs_reason(rules, move):
        raise ValidationError({"reason": rules.refusal(move)})
    return move


def stage_move(
    rules: StageRules, record, *, to_stage: str, date, reason: str, as_of, skipped=()
) -> StageMove:
    """``check_move`` for a record with ``stage``, ``stage_since`` and ``stage_changes``;
    ``as_of`` is the zone's evaluation date."""
    return check_move(
        rules,
        current=record.stage,
        to_stage=to_stage,
        date=date,
        reason=reason,
        since=record.stage_since,
        as_of=as_of,
        history=record.stage_changes,
        skipped=skipped,
    )


def move_message(rules: StageRules, move: StageMove) -> str:
    """The audit message of the save: both stages and the reason."""
    label = _("Stage: %(a)s → %(b)s") % {"a": rules.label(move.from_stage), "b": rules.label(move.to_stage)}
    return f"{label}。{move.reason}".rstrip("。")[:300]


@transaction.atomic
def stage_record(
    rules: StageRules, record, move: StageMove, *, user, source: str = "web", fields=None, **row
):
    """Write an allowed move: a row in ``record.stage_changes`` (plus the caller's ``row``
    values), the record's ``stage`` and ``stage_since`` (plus ``fields``), saved with the
    audit message naming both stages and the reason."""
    change = record.stage_changes.create(
        from_stage=move.from_stage,
        to_stage=move.to_stage,
        date=move.date,
        reason=move.reason[:300],
        user=user,
        **row,
    )
    record.snapshot()
    record.stage, record.stage_since = move.to_stage, move.date
    for name, value in (fields or {}).items():
        setattr(record, name, value)
    with acting_as(user, source), change_message(move_message(rules, move)):
        record.save()
    return change
