"""The survey of a visit: answers checked against the questions (data, ``VisitQuestion``),
and the flags 扩产 / 风险 / 外迁 the answers raise.

Answers are a JSON object keyed by question code: yes/no questions ``"yes"``/``"no"``, a
choice one of the question's choices, a number a number ≥ 0 (stored as a JSON number), text
a string. A blank answer is no answer. A code of a retired question (``active`` off) keeps its
old answer; a code no question has is refused.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

YES, NO = "yes", "no"


def questions_by_code(codes=None) -> dict:
    from .models import VisitQuestion

    queryset = VisitQuestion.objects.all()
    if codes is not None:
        queryset = queryset.filter(code__in=list(codes))
    return {q.code: q for q in queryset}


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_number(value):
    """A JSON number for a number answer, or None when it is not one (or negative)."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def answer_error(question, value) -> str | None:
    """What is wrong with one answer, in words naming the question (None: nothing)."""
    kind, name = question.kind, question.text
    if kind == "number" and as_number(value) is None:
        return _("“%(question)s”: the answer must be a number of at least 0.") % {"question": name}
    if kind == "yes_no" and value not in (YES, NO):
        return _("“%(question)s”: answer yes or no.") % {"question": name}
    if kind == "choice" and value not in (question.choices or []):
        return _("“%(question)s”: the answer must be one of %(choices)s.") % {
            "question": name,
            "choices": "、".join(question.choices or []),
        }
    if kind == "text" and not isinstance(value, str):
        return _("“%(question)s”: the answer must be text.") % {"question": name}
    return None


def answer_errors(answers) -> list[str]:
    """Every error of a visit's answers (an empty list: they may be saved)."""
    if answers in (None, ""):
        return []
    if not isinstance(answers, dict):
        return [_("The answers are an object keyed by question code.")]
    questions = questions_by_code(answers)
    errors = []
    for code, value in answers.items():
        question = questions.get(code)
        if question is None:
            errors.append(_("“%(code)s” is no question of the survey.") % {"code": code})
        elif not blank(value):
            error = answer_error(question, value)
            if error:
                errors.append(error)
    return errors


def normalised(answers, questions=None) -> dict:
    """The answers as stored: blanks dropped, numbers as JSON numbers, text trimmed."""
    questions = questions or questions_by_code(answers)
    kept = {}
    for code, value in (answers or {}).items():
        if blank(value):
            continue
        question = questions.get(code)
        if question is not None and question.kind == "number":
            value = as_number(value)
        elif isinstance(value, str):
            value = value.strip()
        kept[code] = value
    return kept


def raises_flag(question, value) -> bool:
    if not question.flag or blank(value):
        return False
    if question.kind == "yes_no":
        return value == YES
    if question.kind == "number":
        number = as_number(value)
        return number is not None and number > 0
    if question.kind == "choice":
        return value in (question.flag_answers or [])
    return True  # a text answer to a flagging question: something was said


def derive_flags(answers, questions=None) -> set[str]:
    """The flags (``Flag`` values) the answers raise."""
    questions = questions if questions is not None else questions_by_code(answers)
    return {
        q.flag
        for code, value in (answers or {}).items()
        if (q := questions.get(code)) and raises_flag(q, value)
    }


def display(question, value) -> str:
    """An answer as the page shows it: 是/否, 120 亩 …"""
    if blank(value):
        return "—"
    if question.kind == "yes_no":
        return _("Yes") if value == YES else _("No")
    if question.kind == "number" and question.unit:
        return f"{value} {question.unit}"
    return str(value)


def question_errors(question) -> dict:
    """A question's own consistency: choices for a choice question, flagging choices among them."""
    errors = {}
    choices = question.choices or []
    if not isinstance(choices, list) or not all(isinstance(c, str) and c.strip() for c in choices):
        return {"choices": _("The choices are a list of words.")}
    if question.kind == "choice" and len(choices) < 2:
        errors["choices"] = _("A choice question offers at least two choices.")
    flag_answers = question.flag_answers or []
    if not isinstance(flag_answers, list) or any(a not in choices for a in flag_answers):
        errors["flag_answers"] = _("The choices that raise the flag must be among the choices.")
    return errors
