"""Fast inserts for imports: one ``executemany`` per batch instead of ``bulk_create``.

Django's bulk_create prepares every value through the generic field machinery, which costs
more than the database itself at 50,000 rows (about 6 s of the 12 s an import took). Here
each model gets a prepared INSERT statement and one small converter per column; values
come from the instances (so model defaults apply) and primary keys are read back by the
natural key. Used only by code that already validated its rows (docs/adr/0004).
"""

import datetime
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

BATCH = 2000


def _converter(field) -> Callable:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lambda value: ops.adapt_datetimefield_value(value)
    if isinstance(field, models.DateField):
        return lambda value: ops.adapt_datefield_value(value)
    if isinstance(field, models.TimeField):
        return lambda value: ops.adapt_timefield_value(value)
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
    if isinstance(field, models.JSONField | models.UUIDField):
        return lambda value: field.get_db_prep_save(value, connection)
    return lambda value: value  # text, integers, booleans, foreign-key ids


class FastInserter:
    """INSERT of many rows of one model; ``insert`` takes instances (attributes by attname)."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
        self.converters = [(f.attname, _converter(f)) for f in self.fields]
        self.auto_now = [
            f.attname
            for f in self.fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]

    def insert(self, objs: Sequence[models.Model]) -> None:
        now = timezone.now()
        for obj in objs:
            for name in self.auto_now:
                setattr(obj, name, now)
        with connection.cursor() as cursor:
            for start in range(0, len(objs), BATCH):
                batch = objs[start : start + BATCH]
                cursor.executemany(self.sql, [self.row(obj) for obj in batch])
        for obj in objs:
            obj._state.adding = False
            obj._state.db = connection.alias

    def row(self, obj) -> tuple:
        values = obj.__dict__
        return tuple(convert(values.get(name)) for name, convert in self.converters)


def assign_pks(model: type[models.Model], objs: Sequence[models.Model], key_attnames: Sequence[str]) -> None:
    """Read the new primary keys back by the natural key (unique per import)."""
    if not objs:
        return
    first = key_attnames[0]
    wanted: dict[tuple, models.Model] = {
        tuple(_key(getattr(obj, name)) for name in key_attnames): obj for obj in objs
    }
    firsts = sorted({getattr(obj, first) for obj in objs}, key=str)
    for start in range(0, len(firsts), 5000):
        rows = model._base_manager.filter(**{f"{first}__in": firsts[start : start + 5000]}).values_list(
            *key_attnames, "pk"
        )
        for *key, pk in rows:
            obj = wanted.get(tuple(_key(part) for part in key))
            if obj is not None:
                obj.pk = pk
    missing = [obj for obj in objs if obj.pk is None]
    if missing:
        raise RuntimeError(f"{len(missing)} inserted rows of {model.__name__} were not found again")


def _key(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def insert_all(model: type[models.Model], objs: Iterable[models.Model]) -> None:
    FastInserter(model).insert(list(objs))
