"""A list of typed records that becomes a table: ``.to_pandas()`` and ``.to_arrow()``.

What the Python API (``storyline.open``) returns for a listing: a plain ``list`` of the
frozen records the CLI and the web read (``EntityRow``, ``QuoteRow``, ``TimelineEvent``...),
plus ``total`` (how many match in all, where the listing counts them) and ``note`` (what
was made of the query, when it is not what it says). The columns are the record's fields
in order; their Arrow types come from the fields' annotations, so an empty result has its
columns and types too. A nested record becomes a struct, a tuple of them a list of structs.

pandas and pyarrow are the ``analysis`` extra (``pip install 'storyline[analysis]'``);
without them these two methods raise one :class:`~storyline.errors.MissingExtra`.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from storyline.errors import MissingExtra

T = TypeVar("T")

Convert = Callable[[Any], Any]


def _module(name: str, feature: str) -> types.ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as err:
        raise MissingExtra(feature, "analysis") from err


class Records(list[T]):
    """The records of a listing, in the listing's order."""

    def __init__(
        self,
        items: Iterable[T] = (),
        *,
        kind: type[T] | None = None,
        total: int | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__(items)
        self.kind = kind if kind is not None else (type(self[0]) if self else None)
        self.total = total
        self.note = note

    @typing.overload
    def __getitem__(self, index: typing.SupportsIndex) -> T: ...
    @typing.overload
    def __getitem__(self, index: slice) -> Records[T]: ...
    def __getitem__(self, index: typing.SupportsIndex | slice) -> T | Records[T]:
        """A slice is a ``Records`` too: ``news.entities()[:10].to_pandas()``."""
        if isinstance(index, slice):
            return Records(super().__getitem__(index), kind=self.kind)
        return super().__getitem__(index)

    def columns(self) -> list[str]:
        if self.kind is not None and dataclasses.is_dataclass(self.kind):
            return [f.name for f in dataclasses.fields(self.kind)]
        return []

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame``, one row a record, one column a field (nested records
        as dicts, tuples as lists)."""
        pandas = _module("pandas", "to_pandas() (pandas)")
        return pandas.DataFrame.from_records(
            [plain(r) for r in self], columns=self.columns() or None
        )

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` typed from the record's annotations."""
        pa = _module("pyarrow", "to_arrow() (pyarrow)")
        if self.kind is None or not dataclasses.is_dataclass(self.kind):
            return pa.Table.from_pylist([plain(r) for r in self])
        fields = _struct_fields(pa, self.kind)
        schema = pa.schema([pa.field(name, kind) for name, kind, _ in fields])
        rows = [
            {name: convert(getattr(record, name)) for name, _, convert in fields} for record in self
        ]
        return pa.Table.from_pylist(rows, schema=schema)


def plain(value: Any) -> Any:
    """``value`` as plain Python: a record as a dict of its fields, a tuple as a list."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _as_json(value: Any) -> Any:
    return None if value is None else json.dumps(plain(value), ensure_ascii=False, default=str)


def _struct_fields(pa: types.ModuleType, kind: type) -> list[tuple[str, Any, Convert]]:
    try:
        hints = typing.get_type_hints(kind)
    except (NameError, TypeError):
        hints = {}
    found = []
    for f in dataclasses.fields(kind):
        arrow, convert = _column(pa, hints.get(f.name, Any))
        found.append((f.name, arrow, convert))
    return found


def _column(pa: types.ModuleType, hint: Any) -> tuple[Any, Convert]:
    """The Arrow type of a field annotated ``hint``, and how a value becomes one; what has
    no Arrow shape (``Any``, a union of types) is JSON text."""
    scalars = {
        str: pa.string(),
        int: pa.int64(),
        float: pa.float64(),
        bool: pa.bool_(),
        date: pa.date32(),
        datetime: pa.timestamp("us"),
    }
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _column(pa, inner[0]) if len(inner) == 1 else (pa.string(), _as_json)
    if hint in scalars:
        return scalars[hint], lambda v: v
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = _struct_fields(pa, hint)

        def record(v: Any) -> Any:
            if v is None:
                return None
            return {name: convert(getattr(v, name)) for name, _, convert in fields}

        return pa.struct([pa.field(n, k) for n, k, _ in fields]), record
    if origin in (list, tuple, Sequence) and args:
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            # A pair such as (day, count): a struct with fields "0", "1", ...
            parts = [_column(pa, a) for a in args]

            def pair(v: Any) -> Any:
                if v is None:
                    return None
                return {str(i): c(x) for i, ((_, c), x) in enumerate(zip(parts, v, strict=True))}

            return pa.struct([pa.field(str(i), k) for i, (k, _) in enumerate(parts)]), pair
        item, convert = _column(pa, args[0])

        def items(v: Any) -> Any:
            return None if v is None else [convert(x) for x in v]

        return pa.list_(item), items
    if origin is dict and len(args) == 2 and args[0] is str:
        value, convert = _column(pa, args[1])
        if value == pa.string() and convert is _as_json:
            return pa.string(), _as_json

        def mapping(v: Any) -> Any:
            return None if v is None else [(k, convert(x)) for k, x in v.items()]

        return pa.map_(pa.string(), value), mapping
    return pa.string(), _as_json
