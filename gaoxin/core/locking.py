"""Optimistic locking (ADR 0018): a record's version is its ``updated_at`` to the microsecond.

A page carries the version it was opened at (hidden ``_version``) and the last audit row it
had seen (``_seen_change``); the API sends the version as the ``ETag`` and honours
``If-Match``. The save then runs ``UPDATE … WHERE pk = … AND updated_at = <version>``
(``ChangeLoggedModel._do_update``): a writer who came in between, even after the check and
before the write, makes that UPDATE touch no row, and the save raises ``VersionConflict``
instead of overwriting. The audit rows written since tell what the other person changed.
"""

import datetime

from django.utils.translation import gettext as _

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
ONE_MICROSECOND = datetime.timedelta(microseconds=1)


class VersionConflict(Exception):
    """Someone saved (or deleted) the record after the version the writer had read."""

    def __init__(self, obj):
        super().__init__(_("%(name)s was changed by someone else in the meantime.") % {"name": obj})
        self.obj = obj


def versioned(obj) -> bool:
    return obj is not None and obj.pk is not None and getattr(obj, "updated_at", None) is not None


def version_token(obj) -> str:
    """The version of a stored record as text: microseconds since 1970 of ``updated_at``."""
    if not versioned(obj):
        return ""
    return str((obj.updated_at - EPOCH) // ONE_MICROSECOND)


def parse_version(token: str | None) -> datetime.datetime | None:
    """The ``updated_at`` a token names; None for a blank or malformed token."""
    token = (token or "").strip()
    if not token.isdigit() or len(token) > 20:
        return None
    return EPOCH + datetime.timedelta(microseconds=int(token))


# --- HTTP entity tags (RFC 9110 §8.8.3, §13.1.1) ---------------------------------------------


def etag(obj) -> str:
    """A strong entity tag: it names one stored version of the record. If-Match compares
    strongly, so a weak tag could never be used to write."""
    token = version_token(obj)
    return f'"{token}"' if token else ""


def parse_etags(header: str) -> list[str] | None:
    """The entity tags of an If-Match/If-None-Match value, "*" as ["*"]; None if malformed."""
    header = header.strip()
    if header == "*":
        return ["*"]
    tags = []
    for part in header.split(","):
        part = part.strip()
        if not part:
            continue
        weak = part.startswith("W/")
        body = part[2:] if weak else part
        if len(body) < 2 or body[0] != '"' or body[-1] != '"' or '"' in body[1:-1]:
            return None
        tags.append(("W/" if weak else "") + body)
    return tags or None


def if_match_holds(header: str | None, obj) -> bool:
    """Strong comparison (RFC 9110 §13.1.1): "*" holds for any stored record; a weak tag
    never matches; a missing header holds (clients that do not lock keep working)."""
    if header is None:
        return True
    tags = parse_etags(header)
    if tags is None:
        return False
    if tags == ["*"]:
        return obj is not None
    current = etag(obj)
    return bool(current) and current in tags


def if_none_match_holds(header: str | None, obj) -> bool:
    """Weak comparison for GET: True when the client's copy is the current version."""
    tags = parse_etags(header or "")
    if not tags or not versioned(obj):
        return False
    if tags == ["*"]:
        return True
    current = etag(obj)
    return any(tag.removeprefix("W/") == current for tag in tags)


# --- what the other person changed -------------------------------------------------------------


def last_change_id(obj) -> int:
    """The id of the newest audit row of ``obj`` itself (0 when none): what a form has seen."""
    from .models import ObjectChange

    if obj is None or obj.pk is None:
        return 0
    row = _own_changes(ObjectChange, obj).order_by("-id").values_list("id", flat=True).first()
    return row or 0


def _own_changes(model, obj):
    from django.contrib.contenttypes.models import ContentType

    return model.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


def changes_since(obj, seen_id: int, opened_at: datetime.datetime | None) -> list[dict]:
    """The audit rows of ``obj`` written after the form was opened, oldest first: who,
    when, and each field as label, old → new (``core.audit.diff_rows``)."""
    from .audit import diff_rows
    from .models import ObjectChange

    rows = _own_changes(ObjectChange, obj).select_related("user", "content_type")
    if seen_id:
        rows = rows.filter(id__gt=seen_id)
    elif opened_at is not None:
        rows = rows.filter(time__gt=opened_at)
    else:
        return []
    return [
        {
            "who": (change.user.get_full_name() or change.user_name) if change.user else change.user_name,
            "time": change.time,
            "action": change.get_action_display(),
            "message": change.message,
            "fields": diff_rows(change),
        }
        for change in rows.order_by("id")[:20]
    ]
