"""The attribute names a CRFsuite model knows, read from its file.

CRFsuite's tagger skips every attribute its model has no weight for, so a feature the model
does not know can be left out before tagging without changing a single label: the tagger
then converts and looks up a quarter fewer strings. ``pycrfsuite.Tagger.info()`` lists the
same names, but through a text dump that takes a third of a second per model; this reads the
model's attribute dictionary directly.

The layout is CRFsuite 0.12's (``crf1dm.c``: a 48-byte header ``lCRF`` … ``FOMC`` with the
offset of the attribute dictionary; ``cqdb.c``: a ``CQDB`` chunk whose backward array gives,
per attribute id, the offset of its record ``id, size, name\\0``), little-endian.
"""

from __future__ import annotations

import struct
from pathlib import Path

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB = struct.Struct("<4sIIIII")
_RECORD = struct.Struct("<II")


class ModelFileError(ValueError):
    """The file is not a CRFsuite 0.12 linear-chain model."""


def attributes(path: Path) -> frozenset[str]:
    """Every attribute name the model at ``path`` has."""
    data = path.read_bytes()
    if len(data) < _HEADER.size:
        raise ModelFileError(f"{path}: too short for a CRFsuite model ({len(data)} bytes)")
    magic, _, kind, _, _, _, count, _, _, offset, _, _ = _HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ModelFileError(f"{path}: not a CRFsuite linear-chain model (magic {magic!r})")
    chunk, _, _, _, size, backward = _CQDB.unpack_from(data, offset)
    if chunk != b"CQDB" or size != count:
        raise ModelFileError(f"{path}: attribute dictionary unreadable ({chunk!r}, {size})")
    names = []
    for (position,) in struct.iter_unpack(
        "<I", data[offset + backward : offset + backward + 4 * size]
    ):
        start = offset + position + _RECORD.size
        _, length = _RECORD.unpack_from(data, offset + position)
        # ``length`` counts the terminating NUL.
        names.append(data[start : start + length - 1].decode("utf-8"))
    return frozenset(names)
