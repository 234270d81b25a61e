"""Fast inserts for imports: one ``executemany`` per batch instead of ``bulk_create``.

Django's bulk_create prepares every value through the generic field machinery, which costs
more than the database itself at 50,000 rows (about 6 s of the 12 s an import took). Here
each model gets a prepared INSERT statement and one small converter per column; values
come from the instances (so model defaults apply) and primary keys are read back by the
natural key. Used only by code that already validated its rows (docs/adr/0004).
"""

import datetime
import decimal
import gc
import json
import operator
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager

from django.db import connection, models
from django.db.models.base import ModelState
from django.utils import timezone

from .generation import mark_model

BATCH = 2000
JSON_BATCH = 20000  # rows per json_each statement (SQLite, ``insert_rows``)


def _decimal_text(value):
    if isinstance(value, decimal.Decimal):
        return str(value)  # what Django's SQLite adapter binds for a Decimal
    raise TypeError(f"{type(value).__name__} is not a plain column value")


_json_rows = json.JSONEncoder(ensure_ascii=False, default=_decimal_text)


@contextmanager
def gc_paused():
    """Bulk work allocates a few objects per cell and frees nothing until it ends; the
    cyclic collector would walk them again and again (about 10-20% of a large import)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _memo(convert: Callable) -> Callable:
    """Remember the last conversion: timestamps and request ids repeat on every row."""
    last = [object(), None]

    def wrapped(value):
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return wrapped


def _converter(field) -> Callable:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return _memo(lambda value: ops.adapt_datetimefield_value(value))
    if isinstance(field, models.DateField):
        return lambda value: ops.adapt_datefield_value(value)
    if isinstance(field, models.TimeField):
        return lambda value: ops.adapt_timefield_value(value)
    if isinstance(field, models.UUIDField):
        return _memo(lambda value: field.get_db_prep_save(value, connection))
    if isinstance(field, models.JSONField):
        if connection.vendor == "sqlite":  # what adapt_json_value does there, minus the layers
            return lambda value: (
                None if value is None else json.dumps(value, cls=field.encoder, ensure_ascii=False)
            )
        return lambda value: field.get_db_prep_save(value, connection)
    return None  # text, integers, decimals, booleans, foreign-key ids go as they are


def _converted_value(value, field):
    """``value`` as the database takes it for ``field`` (None stays None)."""
    convert = _converter(field)
    return value if value is None or convert is None else convert(value)


class FastInserter:
    """INSERT of many rows of one model; ``insert`` takes instances (attributes by attname).

    SQLite gets one ``executemany`` per batch. PostgreSQL gets ``COPY … FROM STDIN``
    (psycopg's ``executemany`` costs a round trip per row: 100,000 observations took 5 s,
    COPY takes well under one) with primary keys drawn from the table's sequence first, so
    the instances know their ids without reading them back."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.pk = model._meta.pk
        fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
        # The auto_now stamps come first: one value for the whole insert, converted once
        # and put in front of each row (``stamped``) rather than converted per row.
        stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        self.fields = stamped + [f for f in fields if f not in stamped]
        quote = connection.ops.quote_name
        self.table = quote(model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"
        self.copy_sql = f"COPY {self.table} ({columns}) FROM STDIN"
        with_id = ", ".join([quote(self.pk.column), columns])
        self.copy_sql_with_id = f"COPY {self.table} ({with_id}) FROM STDIN"
        self.attnames = [f.attname for f in self.fields]
        self.getter = operator.itemgetter(*self.attnames)
        self.converters = [(i, c) for i, c in enumerate(_converter(f) for f in self.fields) if c is not None]
        self.auto_now = [f.attname for f in stamped]
        self.stamp_converters = [_converter(f) for f in stamped]
        rest = self.attnames[len(stamped) :]
        self.rest_getter = operator.itemgetter(*rest) if len(rest) > 1 else None
        # Columns after the stamps that need converting (JSON, UUID …): the general path.
        self.rest_plain = all(index < len(stamped) for index, _convert in self.converters)
        self.copy = connection.vendor == "postgresql" and isinstance(self.pk, models.AutoField)

    def insert(self, objs: Sequence[models.Model]) -> None:
        mark_model(self.model)  # COPY bypasses the write watcher (core.generation)
        now = timezone.now()
        stamps = dict.fromkeys(self.auto_now, now)
        for obj in objs:
            obj.__dict__.update(stamps)
        if self.copy:
            self._copy_with_ids(objs)
        else:
            rows = self._rows(objs, now)
            with connection.cursor() as cursor:
                for start in range(0, len(rows), BATCH):
                    cursor.executemany(self.sql, rows[start : start + BATCH])
        alias = connection.alias  # once: each read goes through the connection proxy
        for obj in objs:
            state = obj._state
            state.adding = False
            state.db = alias

    def _rows(self, objs: Sequence[models.Model], now) -> list:
        """The parameter rows of ``objs`` (stamped with ``now``)."""
        if self.rest_plain and self.rest_getter is not None:
            prefix = tuple(now if convert is None else convert(now) for convert in self.stamp_converters)
            getter = self.rest_getter
            try:
                return [prefix + getter(obj.__dict__) for obj in objs]
            except KeyError:
                pass  # an attribute is missing (deferred): the general path
        row = self.row
        return [row(obj) for obj in objs]

    def insert_rows(self, shared: dict, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        """INSERT one row per tuple of ``columns`` (attnames), all rows with the values of
        ``shared`` (attname → value, converted once) and the same auto_now stamps: for
        writers that keep no model instance per row (statistics values, ADR 0008). Every
        other column must be in ``shared``; no primary keys come back.

        On SQLite the rows go in as one JSON array per batch, spread into columns by
        ``json_each``: a single statement instead of ``executemany`` binding every value
        (100,000 observations: ≈0.85 s → ≈0.4 s). The values arrive as they would bound
        (integers, text; a Decimal as its text, which the column's numeric affinity
        stores as a number as before); columns that need converting (dates, JSON …) take
        ``executemany``."""
        mark_model(self.model)
        shared = {**shared, **dict.fromkeys(self.auto_now, timezone.now())}
        columns = list(columns)
        fields = {f.attname: f for f in self.fields}
        missing = set(fields) - set(shared) - set(columns)
        if missing:
            raise ValueError(f"no value for {', '.join(sorted(missing))}")
        names = [name for name in self.attnames if name not in columns] + columns
        prefix = tuple(
            _converted_value(shared[name], fields[name]) for name in names[: len(names) - len(columns)]
        )
        converters = [
            (len(prefix) + i, c)
            for i, c in enumerate(_converter(fields[n]) for n in columns)
            if c is not None
        ]
        column_list = ", ".join(connection.ops.quote_name(fields[name].column) for name in names)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                self._copy_rows(cursor, column_list, prefix, rows, converters)
            elif connection.vendor == "sqlite" and not converters:
                self._json_rows(cursor, column_list, prefix, len(columns), rows)
            else:
                self._many_rows(cursor, column_list, prefix, rows, converters)

    def _copy_rows(self, cursor, column_list: str, prefix: tuple, rows, converters: list) -> None:
        with cursor.cursor.copy(f"COPY {self.table} ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(self._converted(prefix + row, converters) if converters else prefix + row)

    def _json_rows(self, cursor, column_list: str, prefix: tuple, width: int, rows) -> None:
        """SQLite: one statement per ``JSON_BATCH`` rows, spread into columns by ``json_each``."""
        spread = [f"json_extract(value, '$[{index}]')" for index in range(width)]
        selected = ", ".join(["%s"] * len(prefix) + spread)
        sql = f"INSERT INTO {self.table} ({column_list}) SELECT {selected} FROM json_each(%s)"
        for start in range(0, len(rows), JSON_BATCH):
            cursor.execute(sql, [*prefix, _json_rows.encode(rows[start : start + JSON_BATCH])])

    def _many_rows(self, cursor, column_list: str, prefix: tuple, rows, converters: list) -> None:
        marks = ", ".join(["%s"] * (len(prefix) + (len(rows[0]) if rows else 0)))
        sql = f"INSERT INTO {self.table} ({column_list}) VALUES ({marks})"
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            if converters:
                cursor.executemany(sql, [self._converted(prefix + row, converters) for row in batch])
            else:
                cursor.executemany(sql, [prefix + row for row in batch])

    @staticmethod
    def _converted(row: tuple, converters: list) -> list:
        out = list(row)
        for index, convert in converters:
            if out[index] is not None:
                out[index] = convert(out[index])
        return out

    def _copy_with_ids(self, objs: Sequence[models.Model]) -> None:
        if not objs:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [self.model._meta.db_table, self.pk.column, len(objs)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            attname = self.pk.attname
            with cursor.cursor.copy(self.copy_sql_with_id) as copy:
                for obj, pk in zip(objs, ids, strict=True):
                    setattr(obj, attname, pk)
                    copy.write_row([pk, *self.row(obj)])

    def row(self, obj) -> list:
        values = obj if isinstance(obj, dict) else obj.__dict__
        try:
            out = list(self.getter(values))  # every attribute present: the usual case
        except KeyError:
            get = values.get
            out = [get(name) for name in self.attnames]
        for index, convert in self.converters:
            value = out[index]
            if value is not None:
                out[index] = convert(value)
        return out

    def insert_values(self, rows: Sequence[dict]) -> None:
        """Insert plain dicts keyed by attname (no model instances: audit rows)."""
        if not rows:
            return
        mark_model(self.model)
        with connection.cursor() as cursor:
            if self.copy:
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for values in rows:
                        copy.write_row(self.row(values))
                return
            for start in range(0, len(rows), BATCH):
                cursor.executemany(self.sql, [self.row(values) for values in rows[start : start + BATCH]])


def last_sqlite_id(model: type[models.Model]) -> int | None:
    """The id SQLite's AUTOINCREMENT counts from (max of its sequence and the ids)."""
    if connection.vendor != "sqlite":
        return None
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        cursor.execute(
            f"SELECT MAX({connection.ops.quote_name(model._meta.pk.column)}) FROM {connection.ops.quote_name(table)}"
        )
        highest = cursor.fetchone()[0]
    return max(row[0] if row else 0, highest or 0)


def assign_sequential_pks(
    model, objs: Sequence[models.Model], after: int, key_attnames: Sequence[str]
) -> bool:
    """SQLite with AUTOINCREMENT gives rows inserted under the write lock the ids after
    ``after``, in order. Checked (count, range, first and last keys), never assumed."""
    pk = model._meta.pk.attname
    rows = model._base_manager.filter(**{f"{pk}__gt": after}).aggregate(
        n=models.Count("pk"), low=models.Min("pk"), high=models.Max("pk")
    )
    if (rows["n"], rows["low"], rows["high"]) != (len(objs), after + 1, after + len(objs)):
        return False
    for index in (0, len(objs) - 1):
        stored = model._base_manager.filter(pk=after + 1 + index).values_list(*key_attnames).first()
        expected = tuple(getattr(objs[index], name) for name in key_attnames)
        if stored is None or tuple(map(_key, stored)) != tuple(map(_key, expected)):
            return False
    for offset, obj in enumerate(objs, start=1):
        setattr(obj, pk, after + offset)  # the attribute, not the ``pk`` property (100,000 calls)
    return True


def assign_pks(
    model: type[models.Model], objs: Sequence[models.Model], key_attnames: Sequence[str], after=None
) -> None:
    """Give the inserted instances their primary keys: in sequence on SQLite when that
    checks out, otherwise read back by the natural key (unique per import)."""
    if not objs or all(obj.pk is not None for obj in objs):
        return  # PostgreSQL: FastInserter drew them from the sequence
    if after is not None and assign_sequential_pks(model, objs, after, key_attnames):
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


def new_instance(
    model: type[models.Model], values: dict, extra: dict | None = None, skip_blank: bool = False
) -> models.Model:
    """A model instance without ``Model.__init__`` (a third of an import's time at
    50,000 rows): field defaults, then ``values`` by field name; related objects are kept in
    the instance's cache so their names print without a query. No signals fire, which is
    fine for unsaved instances that ``FastInserter`` stores. ``skip_blank`` leaves the
    default where a value is None or "" (a blank cell)."""
    static, factories, fields = _instance_meta(model)
    obj = model.__new__(model)
    obj._state = ModelState()
    data = obj.__dict__
    data.update(static)
    for attname, factory in factories:
        data[attname] = factory()
    cache = obj._state.fields_cache
    for source in (values, extra) if extra else (values,):
        for name, value in source.items():
            field = fields.get(name)
            if field is None or (skip_blank and (value is None or value == "")):
                continue
            attname, relation = field
            if relation:
                if value is None:
                    data[attname] = None
                else:
                    data[attname] = value.pk
                    cache[name] = value
            else:
                data[attname] = value
    return obj


def loaded_instances(queryset, attnames: Sequence[str]) -> list[models.Model]:
    """The rows of ``queryset`` as instances holding only ``attnames`` (the other fields
    deferred and loaded on access, as with ``only()``), without ``Model.__init__`` per row:
    10,000 enterprises to look credit codes up in take a fifth of the time."""
    model = queryset.model
    alias = queryset.db
    out = []
    for row in queryset.values_list(*attnames):
        obj = model.__new__(model)
        state = ModelState()
        state.adding = False
        state.db = alias
        data = dict(zip(attnames, row, strict=True))
        data["_state"] = state
        obj.__dict__ = data
        out.append(obj)
    return out


_META: dict[type, tuple] = {}


def _instance_meta(model) -> tuple[dict, list, dict]:
    meta = _META.get(model)
    if meta is None:
        static, factories, fields = {}, [], {}
        for field in model._meta.concrete_fields:
            fields[field.name] = (field.attname, field.is_relation)
            if field.has_default() and callable(field.default):
                factories.append((field.attname, field.default))
            elif field.has_default():
                static[field.attname] = field.default
            else:
                static[field.attname] = "" if field.empty_strings_allowed and not field.null else None
        meta = _META[model] = (static, factories, fields)
    return meta


def insert_all(model: type[models.Model], objs: Iterable[models.Model]) -> None:
    FastInserter(model).insert(list(objs))
