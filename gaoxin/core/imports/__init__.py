"""Import engine: see engine.py. Apps declare their kinds in ``<app>/imports.py``."""

from .columns import CellError, Column, lookup_parser
from .engine import ImportResult, ImportSpec, RowContext, all_specs, get_spec, register, run_import
from .readers import FileRejected, Table, read_table

__all__ = [
    "CellError",
    "Column",
    "FileRejected",
    "ImportResult",
    "ImportSpec",
    "RowContext",
    "Table",
    "all_specs",
    "get_spec",
    "lookup_parser",
    "read_table",
    "register",
    "run_import",
]
