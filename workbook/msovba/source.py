"""VBA modules and their source text exactly as stored in a module stream
(MS-OVBA 2.3.4.3: CompressedSourceCode)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ModuleKind = Literal["standard", "class", "document"]
_KINDS = ("standard", "class", "document")

# VBA identifiers: a letter, then letters, digits or "_" (MS-VBAL 3.3.5). Module names are
# limited to 31 characters, which is also the CFB stream name limit (MS-CFB 2.6.1).
_MODULE_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_PROJECT_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,127}")
# Stream names that already exist in the VBA storage (compared case-insensitively).
_RESERVED_STREAM_NAMES = frozenset({"DIR", "_VBA_PROJECT", "__SRP_0", "__SRP_1"})

# The project declares code page 1252, but a VBA editor decodes module bytes with the code
# page of the Windows it runs on (a Chinese Excel reads them as GBK), so only ASCII is safe.
CODE_PAGE = 1252
_ENCODING = "cp1252"


@dataclass(frozen=True)
class VbaModule:
    """One VBA module.

    name:   module name; for document modules the code name of the workbook
            ("ThisWorkbook") or of a sheet ("Sheet1"), matching ``set_vba_name()``.
    source: VBA source text, ASCII only (build refuses anything else), lines joined with \\n or
            \\r\\n. A leading ``VERSION ... BEGIN ... END`` block (as in exported ``.cls``
            files) is dropped and the ``Attribute VB_*`` header is completed the way
            Excel stores it; see :func:`stored_source`.
    kind:   "standard" (.bas), "class" (.cls) or "document" (workbook/sheet module).
    """

    name: str
    source: str
    kind: ModuleKind

    def __post_init__(self) -> None:
        if not _MODULE_NAME_RE.fullmatch(self.name):
            raise ValueError(
                f"invalid VBA module name {self.name!r}: a letter, then up to 30 ASCII "
                "letters, digits or underscores"
            )
        if self.name.upper() in _RESERVED_STREAM_NAMES:
            raise ValueError(f"module name {self.name!r} is reserved by the VBA storage")
        if self.kind not in _KINDS:
            raise ValueError(f"module kind must be one of {_KINDS}, got {self.kind!r}")


_WORKBOOK_BASE = '"0{00020819-0000-0000-C000-000000000046}"'
_WORKSHEET_BASE = '"0{00020820-0000-0000-C000-000000000046}"'
_CLASS_BASE = '"0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"'

# The module-level attributes, in the order and with the defaults Excel stores them.
_DOCUMENT_ATTRIBUTES = (
    ("VB_GlobalNameSpace", "False"),
    ("VB_Creatable", "False"),
    ("VB_PredeclaredId", "True"),
    ("VB_Exposed", "True"),
    ("VB_TemplateDerived", "False"),
    ("VB_Customizable", "True"),
)
_CLASS_ATTRIBUTES = (
    ("VB_GlobalNameSpace", "False"),
    ("VB_Creatable", "False"),
    ("VB_PredeclaredId", "False"),
    ("VB_Exposed", "False"),
    ("VB_TemplateDerived", "False"),
    ("VB_Customizable", "False"),
)

_ATTRIBUTE_RE = re.compile(r"Attribute\s+(VB_\w+)\s*=\s*(.*?)\s*", re.IGNORECASE)
_VERSION_RE = re.compile(r"VERSION\s+\d+\.\d+\s+CLASS\s*", re.IGNORECASE)


def stored_source(module: VbaModule) -> str:
    """Return the exact text stored (compressed) in the module's stream.

    * line ends become CRLF and a missing final line end is added;
    * a leading ``VERSION x.y CLASS`` / ``BEGIN`` ... ``END`` block is dropped;
    * the leading ``Attribute VB_*`` lines are replaced by the header Excel writes:
      ``VB_Name`` (always the module name), then for class and document modules
      ``VB_Base``, ``VB_GlobalNameSpace``, ``VB_Creatable``, ``VB_PredeclaredId``,
      ``VB_Exposed``, ``VB_TemplateDerived``, ``VB_Customizable``. Values given in the
      source win over the defaults; other leading attributes (e.g. ``VB_Description``)
      follow in their original order. ``VB_Base`` defaults to the Workbook class for a
      document module named "ThisWorkbook" and to the Worksheet class otherwise.
    """
    lines = _strip_version_block(_split_lines(module.source))
    given, body = _split_attribute_header(lines)
    header = [f"Attribute {key} = {value}" for key, value in _header_attributes(module, given)]
    return "".join(line + "\r\n" for line in header + body)


def _split_lines(source: str) -> list[str]:
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        return []
    return text.removesuffix("\n").split("\n")


def _strip_version_block(lines: list[str]) -> list[str]:
    if not lines or not _VERSION_RE.fullmatch(lines[0]):
        return lines
    if len(lines) < 2 or lines[1].strip().upper() != "BEGIN":
        return lines[1:]
    for index in range(2, len(lines)):
        if lines[index].strip().upper() == "END":
            return lines[index + 1 :]
    raise ValueError("VERSION ... BEGIN block without END")


def _split_attribute_header(lines: list[str]) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Split leading ``Attribute VB_x = v`` lines off; keys are upper-cased."""
    given: dict[str, tuple[str, str]] = {}
    index = 0
    while index < len(lines):
        match = _ATTRIBUTE_RE.fullmatch(lines[index])
        if not match:
            break
        given[match.group(1).upper()] = (match.group(1), match.group(2))
        index += 1
    return given, lines[index:]


def _header_attributes(
    module: VbaModule, given: dict[str, tuple[str, str]]
) -> list[tuple[str, str]]:
    quoted_name = f'"{module.name}"'
    name_given = given.pop("VB_NAME", ("VB_Name", quoted_name))[1]
    if name_given != quoted_name:
        raise ValueError(f"module {module.name!r} has Attribute VB_Name = {name_given}")

    canonical: list[tuple[str, str]] = [("VB_Name", quoted_name)]
    if module.kind == "document":
        base = _WORKBOOK_BASE if module.name == "ThisWorkbook" else _WORKSHEET_BASE
        canonical += [("VB_Base", base), *_DOCUMENT_ATTRIBUTES]
    elif module.kind == "class":
        canonical += [("VB_Base", _CLASS_BASE), *_CLASS_ATTRIBUTES]

    header = [(key, given.pop(key.upper(), (key, default))[1]) for key, default in canonical]
    return header + list(given.values())


def _encode_source(module: VbaModule) -> bytes:
    """The stored source as bytes; refuses any non-ASCII character (see CODE_PAGE)."""
    text = stored_source(module)
    for number, line in enumerate(text.split("\r\n"), start=1):
        bad = next((c for c in line if ord(c) > 0x7F), None)
        if bad is not None:
            raise ValueError(
                f"module {module.name!r}, stored line {number}: non-ASCII character {bad!r} "
                f"(U+{ord(bad):04X}); VBA source must be ASCII, since Excel decodes it with "
                "the system code page (GBK on Chinese Windows). Build such text with ChrW()."
            )
    return text.encode(_ENCODING)
