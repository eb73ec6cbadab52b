"""Build a VBA project binary (``vbaProject.bin``) from VBA source text, on any OS.

The result is meant for ``xlsxwriter``'s ``Workbook.add_vba_project(io.BytesIO(data),
is_stream=True)``. Nothing here needs Excel or Windows.

Layout (MS-OVBA 2.2.1 and 2.3):

* an MS-CFB compound file (version 3, 512-byte sectors) holding
* ``PROJECT``        text stream: project id, module list, protection state (MS-OVBA 2.3.1)
* ``PROJECTwm``      uncompressed module name map (MS-OVBA 2.3.3)
* ``VBA/_VBA_PROJECT``  ``CC 61 FF FF 00 01 00``: version 0xFFFF, no p-code cache, so
  Office ignores the cache and compiles the modules from source (MS-OVBA 2.3.4.1)
* ``VBA/dir``        compressed project information records (MS-OVBA 2.3.4.2)
* ``VBA/<module>``   one stream per module holding only its compressed source, so
  MODULEOFFSET is 0 (MS-OVBA 2.3.4.3)

Compression is the MS-OVBA 2.4.1 LZ77 variant; the password/protection fields of the
PROJECT stream use the MS-OVBA 2.4.3 data encryption. Every identifier, seed, timestamp and
CLSID is fixed, so the same input always gives the same bytes.

Public API: :class:`VbaModule`, :func:`build_vba_project`. :func:`stored_source`,
:func:`compress` and :func:`decompress` are exported for tests and tools.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ModuleKind",
    "VbaModule",
    "build_vba_project",
    "compress",
    "decompress",
    "stored_source",
]

ModuleKind = Literal["standard", "class", "document"]
_KINDS = ("standard", "class", "document")

# VBA identifiers: a letter, then letters, digits or "_" (MS-VBAL 3.3.5). Module names are
# limited to 31 characters, which is also the CFB stream name limit (MS-CFB 2.6.1).
_MODULE_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_PROJECT_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,127}")
# Stream names that already exist in the VBA storage (compared case-insensitively).
_RESERVED_STREAM_NAMES = frozenset({"DIR", "_VBA_PROJECT", "__SRP_0", "__SRP_1"})

CODE_PAGE = 1252
_ENCODING = "cp1252"


@dataclass(frozen=True)
class VbaModule:
    """One VBA module.

    name:   module name; for document modules the code name of the workbook
            ("ThisWorkbook") or of a sheet ("Sheet1"), matching ``set_vba_name()``.
    source: VBA source text, code page 1252 (keep it ASCII), lines joined with \\n or
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


def build_vba_project(modules: Sequence[VbaModule], project_name: str = "VBAProject") -> bytes:
    """Return the bytes of a ``vbaProject.bin`` holding ``modules`` in the given order.

    Raises ValueError for an invalid project name, duplicate module names (VBA compares
    them case-insensitively) or source text that code page 1252 cannot encode.
    """
    if not _PROJECT_NAME_RE.fullmatch(project_name):
        raise ValueError(f"invalid VBA project name {project_name!r}")
    seen: set[str] = set()
    for module in modules:
        key = module.name.upper()
        if key in seen:
            raise ValueError(f"duplicate module name {module.name!r}")
        seen.add(key)

    streams: list[tuple[str, bytes]] = [
        ("PROJECT", _project_stream(modules, project_name)),
        ("PROJECTwm", _projectwm_stream(modules)),
        ("VBA/_VBA_PROJECT", _VBA_PROJECT_STREAM),
        ("VBA/dir", compress(_dir_stream(modules, project_name))),
    ]
    for module in modules:
        streams.append((f"VBA/{module.name}", compress(_encode_source(module))))
    return _build_compound_file(streams)


# ---------------------------------------------------------------------------------------
# Module source as stored in the module stream (MS-OVBA 2.3.4.3: CompressedSourceCode)
# ---------------------------------------------------------------------------------------

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
    try:
        return stored_source(module).encode(_ENCODING)
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"module {module.name!r}: source must be code page 1252 text (use ChrW() for "
            f"other characters): {exc}"
        ) from exc


# ---------------------------------------------------------------------------------------
# MS-OVBA 2.4.1 compression
# ---------------------------------------------------------------------------------------

_CHUNK_SIZE = 4096  # decompressed bytes per chunk (2.4.1.1.4)
_MAX_COMPRESSED_CHUNK = 4098  # header + data (2.4.1.1.4)
_CHUNK_SIGNATURE = 0b011  # CompressedChunkSignature (2.4.1.1.5)
_RAW_CHUNK_HEADER = (_MAX_COMPRESSED_CHUNK - 3) | (_CHUNK_SIGNATURE << 12)  # flag 0
_MIN_MATCH = 3
# How many earlier positions with the same 3-byte prefix are tried per position. Bounding
# it keeps compression linear; any valid match is allowed by the format.
_MAX_CANDIDATES = 64


def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer (MS-OVBA 2.4.1.3.6)."""
    out = bytearray(b"\x01")  # SignatureByte (2.4.1.1.1)
    for start in range(0, len(data), _CHUNK_SIZE):
        out += _compress_chunk(data[start : start + _CHUNK_SIZE])
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    """One CompressedChunk: header + token sequences, or a raw chunk (2.4.1.3.7)."""
    body = _compress_token_sequences(chunk)
    if 2 + len(body) <= _MAX_COMPRESSED_CHUNK:
        header = (2 + len(body) - 3) | (_CHUNK_SIGNATURE << 12) | (1 << 15)
        return struct.pack("<H", header) + body
    # 2.4.1.3.10 Compressing a RawChunk: 4096 bytes, the last chunk padded with 0x00.
    return struct.pack("<H", _RAW_CHUNK_HEADER) + chunk.ljust(_CHUNK_SIZE, b"\x00")


def _compress_token_sequences(chunk: bytes) -> bytes:
    """TokenSequences: a FlagByte then up to 8 literal or CopyTokens (2.4.1.3.8-9)."""
    out = bytearray()
    chains: dict[bytes, list[int]] = {}

    def remember(position: int) -> None:
        if position + _MIN_MATCH <= len(chunk):
            chains.setdefault(chunk[position : position + _MIN_MATCH], []).append(position)

    position = 0
    while position < len(chunk):
        flag_index = len(out)
        out.append(0)
        for bit in range(8):
            if position >= len(chunk):
                break
            length, offset = _longest_match(chunk, position, chains)
            if length:
                out[flag_index] |= 1 << bit
                out += struct.pack("<H", _pack_copy_token(position, offset, length))
                for covered in range(position, position + length):
                    remember(covered)
                position += length
            else:
                out.append(chunk[position])
                remember(position)
                position += 1
    return bytes(out)


def _copy_token_help(position: int) -> tuple[int, int]:
    """(BitCount, MaximumLength) for a CopyToken at a chunk offset (2.4.1.3.19.1)."""
    bit_count = max((position - 1).bit_length(), 4)  # ceil(log2(position)), at least 4
    return bit_count, (0xFFFF >> bit_count) + 3


def _pack_copy_token(position: int, offset: int, length: int) -> int:
    """Pack Offset and Length into a 16-bit CopyToken (2.4.1.3.19.3)."""
    bit_count, _ = _copy_token_help(position)
    return ((offset - 1) << (16 - bit_count)) | (length - 3)


def _longest_match(chunk: bytes, position: int, chains: dict[bytes, list[int]]) -> tuple[int, int]:
    """(Length, Offset) of the longest earlier match, nearest first (2.4.1.3.19.4).

    Returns (0, 0) when no match of at least 3 bytes exists. Matches may overlap the
    current position: the decompressor copies byte by byte (2.4.1.3.11).
    """
    candidates = chains.get(chunk[position : position + _MIN_MATCH])
    if not candidates:
        return 0, 0
    _, maximum_length = _copy_token_help(position)
    limit = min(maximum_length, len(chunk) - position)
    best_length = best_candidate = 0
    for candidate in reversed(candidates[-_MAX_CANDIDATES:]):
        length = _match_length(chunk, candidate, position, limit)
        if length > best_length:
            best_length, best_candidate = length, candidate
            if length == limit:
                break
    return best_length, position - best_candidate


def _match_length(chunk: bytes, candidate: int, position: int, limit: int) -> int:
    if chunk[candidate : candidate + limit] == chunk[position : position + limit]:
        return limit
    length = _MIN_MATCH
    while chunk[candidate + length] == chunk[position + length]:
        length += 1
    return length


def decompress(container: bytes) -> bytes:
    """Decompress a CompressedContainer (MS-OVBA 2.4.1.3.1).

    A raw chunk always yields 4096 bytes (2.4.1.1.4), including any zero padding.
    """
    if not container or container[0] != 0x01:
        raise ValueError("not an MS-OVBA compressed container (signature byte != 0x01)")
    out = bytearray()
    position = 1
    while position < len(container):
        (header,) = struct.unpack_from("<H", container, position)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != _CHUNK_SIGNATURE:
            raise ValueError(f"bad chunk signature at offset {position}")
        chunk_end = min(position + size, len(container))
        if header >> 15:
            _decompress_token_sequences(container, position + 2, chunk_end, out)
        else:
            out += container[position + 2 : position + 2 + _CHUNK_SIZE]
            chunk_end = position + 2 + _CHUNK_SIZE
        position = chunk_end
    return bytes(out)


def _decompress_token_sequences(data: bytes, position: int, end: int, out: bytearray) -> None:
    """2.4.1.3.4 Decompressing a TokenSequence, for every sequence of one chunk."""
    chunk_start = len(out)
    while position < end:
        flags = data[position]
        position += 1
        for bit in range(8):
            if position >= end:
                break
            if not (flags >> bit) & 1:
                out.append(data[position])
                position += 1
                continue
            (token,) = struct.unpack_from("<H", data, position)
            position += 2
            bit_count, _ = _copy_token_help(len(out) - chunk_start)
            length = (token & (0xFFFF >> bit_count)) + 3
            offset = (token >> (16 - bit_count)) + 1
            source = len(out) - offset
            if source < chunk_start:
                raise ValueError("copy token points before the start of its chunk")
            for index in range(length):  # byte by byte: source and target may overlap
                out.append(out[source + index])


# ---------------------------------------------------------------------------------------
# VBA storage streams: _VBA_PROJECT (2.3.4.1) and dir (2.3.4.2)
# ---------------------------------------------------------------------------------------

# Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00, Reserved3 0x0001 and no PerformanceCache.
_VBA_PROJECT_STREAM = bytes.fromhex("CC61FFFF000100")

_SYSKIND_WIN32 = 0x00000001
_LCID_EN_US = 0x0409
_REFERENCES = (
    (
        "stdole",
        r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
        r"C:\Windows\System32\stdole2.tlb#OLE Automation",
    ),
    (
        "Office",
        r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#"
        r"C:\Program Files\Common Files\Microsoft Shared\OFFICE16\MSO.DLL"
        r"#Microsoft Office 16.0 Object Library",
    ),
)
_MODULE_TYPE_PROCEDURAL = 0x0021
_MODULE_TYPE_DOCUMENT_OR_CLASS = 0x0022


def _record(record_id: int, payload: bytes) -> bytes:
    """Id (u16), Size (u32), payload: the shape of almost every dir record."""
    return struct.pack("<HI", record_id, len(payload)) + payload


def _u16(value: int) -> bytes:
    return struct.pack("<H", value)


def _u32(value: int) -> bytes:
    return struct.pack("<I", value)


def _mbcs(text: str) -> bytes:
    return text.encode(_ENCODING)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _dual_string(record_id: int, reserved_id: int, text: str) -> bytes:
    """A record with an MBCS string then a Reserved id and the UTF-16 copy."""
    return _record(record_id, _mbcs(text)) + _record(reserved_id, _utf16(text))


def _dir_stream(modules: Sequence[VbaModule], project_name: str) -> bytes:
    """Decompressed dir stream (2.3.4.2): information, references, modules, terminator."""
    return (
        _project_information(project_name)
        + b"".join(_reference(name, libid) for name, libid in _REFERENCES)
        + _project_modules(modules)
        + _record(0x0010, b"")  # dir stream Terminator, Reserved = 0
    )


def _project_information(project_name: str) -> bytes:
    """PROJECTINFORMATION (2.3.4.2.1)."""
    return b"".join(
        (
            _record(0x0001, _u32(_SYSKIND_WIN32)),  # PROJECTSYSKIND 2.3.4.2.1.1
            _record(0x0002, _u32(_LCID_EN_US)),  # PROJECTLCID 2.3.4.2.1.3
            _record(0x0014, _u32(_LCID_EN_US)),  # PROJECTLCIDINVOKE 2.3.4.2.1.4
            _record(0x0003, _u16(CODE_PAGE)),  # PROJECTCODEPAGE 2.3.4.2.1.5
            _record(0x0004, _mbcs(project_name)),  # PROJECTNAME 2.3.4.2.1.6
            _dual_string(0x0005, 0x0040, ""),  # PROJECTDOCSTRING 2.3.4.2.1.7
            _dual_string(0x0006, 0x003D, ""),  # PROJECTHELPFILEPATH 2.3.4.2.1.8
            _record(0x0007, _u32(0)),  # PROJECTHELPCONTEXT 2.3.4.2.1.9
            _record(0x0008, _u32(0)),  # PROJECTLIBFLAGS 2.3.4.2.1.10
            # PROJECTVERSION 2.3.4.2.1.11: Reserved MUST be 4 although 6 bytes follow
            # (VersionMajor u32, VersionMinor u16).
            _u16(0x0009) + _u32(4) + _u32(1) + _u16(0),
            _dual_string(0x000C, 0x003C, ""),  # PROJECTCONSTANTS 2.3.4.2.1.12
        )
    )


def _reference(name: str, libid: str) -> bytes:
    """REFERENCENAME (2.3.4.2.2.2) + REFERENCEREGISTERED (2.3.4.2.2.5)."""
    encoded = _mbcs(libid)
    registered = _u32(len(encoded)) + encoded + _u32(0) + _u16(0)  # Reserved1, Reserved2
    return _dual_string(0x0016, 0x003E, name) + _record(0x000D, registered)


def _project_modules(modules: Sequence[VbaModule]) -> bytes:
    """PROJECTMODULES (2.3.4.2.3): count, PROJECTCOOKIE, then one MODULE each."""
    return (
        _record(0x000F, _u16(len(modules)))
        + _record(0x0013, _u16(0xFFFF))  # PROJECTCOOKIE 2.3.4.2.3.1
        + b"".join(_module_record(module) for module in modules)
    )


def _module_record(module: VbaModule) -> bytes:
    """MODULE (2.3.4.2.3.2)."""
    module_type = (
        _MODULE_TYPE_PROCEDURAL if module.kind == "standard" else _MODULE_TYPE_DOCUMENT_OR_CLASS
    )
    return b"".join(
        (
            _record(0x0019, _mbcs(module.name)),  # MODULENAME 2.3.4.2.3.2.1
            _record(0x0047, _utf16(module.name)),  # MODULENAMEUNICODE 2.3.4.2.3.2.2
            _dual_string(0x001A, 0x0032, module.name),  # MODULESTREAMNAME 2.3.4.2.3.2.3
            _dual_string(0x001C, 0x0048, ""),  # MODULEDOCSTRING 2.3.4.2.3.2.4
            _record(0x0031, _u32(0)),  # MODULEOFFSET 2.3.4.2.3.2.5: source starts at 0
            _record(0x001E, _u32(0)),  # MODULEHELPCONTEXT 2.3.4.2.3.2.6
            _record(0x002C, _u16(0xFFFF)),  # MODULECOOKIE 2.3.4.2.3.2.7
            _record(module_type, b""),  # MODULETYPE 2.3.4.2.3.2.8, Reserved = 0
            _record(0x002B, b""),  # MODULE Terminator, Reserved = 0
        )
    )


# ---------------------------------------------------------------------------------------
# PROJECT stream (2.3.1) and PROJECTwm stream (2.3.3)
# ---------------------------------------------------------------------------------------

# ProjectId (2.3.1.2): fixed so that builds are reproducible.
PROJECT_ID = "{8B4E3C2A-6F1D-4E7B-9A50-3C2D1E0F4A6B}"
_HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
# Fixed Seed and IgnoredEnc bytes for the data encryption (2.4.3.2); (Seed & 6) / 2 = 2
# ignored bytes each.
_ENCRYPTION_SEED = 0x5C
_ENCRYPTION_IGNORED = b"\x00\x00"
_PROTECTION_STATE_NONE = bytes(4)  # ProjectProtectionState: nothing protected (2.3.1.15)
_PASSWORD_NONE = b"\x00"  # ProjectPassword: no password (2.3.1.16)
_VISIBILITY_VISIBLE = b"\xff"  # ProjectVisibilityState: visible (2.3.1.17)


def _project_stream(modules: Sequence[VbaModule], project_name: str) -> bytes:
    """PROJECT stream text, CRLF line ends, code page 1252 (2.3.1)."""
    lines = [f'ID="{PROJECT_ID}"']
    lines += [_project_module_line(module) for module in modules]  # 2.3.1.3
    lines += [
        f'Name="{project_name}"',  # 2.3.1.6
        'HelpContextID="0"',  # 2.3.1.7
        'VersionCompatible32="393222000"',  # 2.3.1.9
        f'CMG="{_encrypt(_PROTECTION_STATE_NONE)}"',  # 2.3.1.15
        f'DPB="{_encrypt(_PASSWORD_NONE)}"',  # 2.3.1.16
        f'GC="{_encrypt(_VISIBILITY_VISIBLE)}"',  # 2.3.1.17
        "",
        "[Host Extender Info]",  # 2.3.1.18
        _HOST_EXTENDER,
        "",
        "[Workspace]",  # 2.3.1.19: every window closed
        *(f"{module.name}=0, 0, 0, 0, C" for module in modules),
        "",
    ]
    return "".join(line + "\r\n" for line in lines).encode(_ENCODING)


def _project_module_line(module: VbaModule) -> str:
    if module.kind == "document":
        return f"Document={module.name}/&H00000000"
    if module.kind == "class":
        return f"Class={module.name}"
    return f"Module={module.name}"


def _encrypt(
    data: bytes,
    project_id: str = PROJECT_ID,
    seed: int = _ENCRYPTION_SEED,
    ignored: bytes = _ENCRYPTION_IGNORED,
) -> str:
    """MS-OVBA 2.4.3.2 Data Encryption, as the upper-case hex text of 2.4.3.

    ProjKey is the byte sum of the ProjectId text, braces included (2.4.3.2 / 2.3.1.2).
    """
    if len(ignored) != (seed & 6) // 2:
        raise ValueError("the number of ignored bytes must be (Seed & 6) / 2")
    version = 2
    project_key = sum(project_id.encode("ascii")) & 0xFF
    version_enc = seed ^ version
    project_key_enc = seed ^ project_key
    out = bytearray((seed, version_enc, project_key_enc))
    unencrypted_1, encrypted_1, encrypted_2 = project_key, project_key_enc, version_enc
    for byte in ignored + _u32(len(data)) + data:
        byte_enc = byte ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        out.append(byte_enc)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, byte_enc, byte
    return out.hex().upper()


def _projectwm_stream(modules: Sequence[VbaModule]) -> bytes:
    """PROJECTwm (2.3.3), NOT compressed: MBCS name NUL, UTF-16 name NUL NUL, ..., 00 00."""
    names = b"".join(
        _mbcs(module.name) + b"\x00" + _utf16(module.name) + b"\x00\x00" for module in modules
    )
    return names + b"\x00\x00"


# ---------------------------------------------------------------------------------------
# MS-CFB compound file writer (version 3, 512-byte sectors)
# ---------------------------------------------------------------------------------------

_SECTOR_SIZE = 512  # sector shift 9 (MS-CFB 2.2)
_MINI_SECTOR_SIZE = 64  # mini sector shift 6
_MINI_STREAM_CUTOFF = 4096  # streams smaller than this live in the mini stream
_ENTRIES_PER_FAT_SECTOR = _SECTOR_SIZE // 4
_DIR_ENTRY_SIZE = 128
_HEADER_DIFAT_ENTRIES = 109
_FATSECT = 0xFFFFFFFD  # MS-CFB 2.1 special sector numbers
_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_NOSTREAM = 0xFFFFFFFF
_STORAGE, _STREAM, _ROOT = 1, 2, 5  # object types (MS-CFB 2.6.1)
_RED, _BLACK = 0, 1
_CFB_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(eq=False)
class _Entry:
    """A directory entry (MS-CFB 2.6) and its place in the file."""

    name: str
    object_type: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM
    color: int = _BLACK
    start: int = _ENDOFCHAIN
    size: int = 0


def _build_compound_file(streams: Iterable[tuple[str, bytes]]) -> bytes:
    """Write a compound file holding ``streams`` (paths like "VBA/dir")."""
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams:
        _add_stream(root, path, data)
    entries = _flatten(root)
    index = {id(entry): number for number, entry in enumerate(entries)}
    for entry in entries:
        if entry.children:
            entry.child = _link_siblings(entry.children, index)
    return _SectorLayout(entries).render()


def _add_stream(root: _Entry, path: str, data: bytes) -> None:
    *storages, name = path.split("/")
    parent = root
    for storage_name in storages:
        found = [c for c in parent.children if c.name.upper() == storage_name.upper()]
        if found:
            parent = found[0]
        else:
            storage = _Entry(storage_name, _STORAGE)
            parent.children.append(storage)
            parent = storage
    if any(c.name.upper() == name.upper() for c in parent.children):
        raise ValueError(f"duplicate compound file entry {path!r}")
    parent.children.append(_Entry(name, _STREAM, data=data, size=len(data)))


def _flatten(root: _Entry) -> list[_Entry]:
    """Directory order: Root Entry first (stream ID 0), then depth first."""
    entries = [root]
    for child in root.children:
        entries += _flatten(child)
    return entries


def _cfb_name_key(entry: _Entry) -> tuple[int, str]:
    """MS-CFB 2.6.4: shorter names first, then upper-cased names compared per character."""
    return len(entry.name), entry.name.upper()


def _link_siblings(children: list[_Entry], index: dict[int, int]) -> int:
    """Make the children of one storage a balanced red-black tree (MS-CFB 2.6.4).

    The tree is built by median split, so every level but the deepest is full. All nodes
    are black except those on an incomplete deepest level, which are red leaves: every
    root-to-leaf path then holds the same number of black nodes and no red node has a red
    child. Returns the stream ID of the tree's root.
    """
    ordered = sorted(children, key=_cfb_name_key)
    depths: dict[int, int] = {}

    def build(low: int, high: int, depth: int) -> int:
        if low >= high:
            return _NOSTREAM
        middle = (low + high) // 2
        node = ordered[middle]
        depths[id(node)] = depth
        node.left = build(low, middle, depth + 1)
        node.right = build(middle + 1, high, depth + 1)
        return index[id(node)]

    root_id = build(0, len(ordered), 0)
    deepest = max(depths.values())
    deepest_count = sum(1 for depth in depths.values() if depth == deepest)
    perfect = deepest_count == 2**deepest
    for node in ordered:
        node.color = _RED if depths[id(node)] == deepest and not perfect else _BLACK
    return root_id


def _sectors_for(size: int, sector_size: int) -> int:
    return -(-size // sector_size)


class _SectorLayout:
    """Place the FAT, directory, MiniFAT, mini stream and large streams (MS-CFB 2.2-2.5).

    File order: header, FAT sectors, directory sectors, MiniFAT sectors, the mini stream,
    then each large stream; every chain is contiguous.
    """

    def __init__(self, entries: list[_Entry]) -> None:
        self.entries = entries
        streams = [e for e in entries if e.object_type == _STREAM and e.size]
        self.small = [e for e in streams if e.size < _MINI_STREAM_CUTOFF]
        self.large = [e for e in streams if e.size >= _MINI_STREAM_CUTOFF]
        self.mini_fat: list[int] = []
        self.mini_stream = bytearray()
        for entry in self.small:
            entry.start = len(self.mini_fat)
            self.mini_fat += _chain(entry.start, _sectors_for(entry.size, _MINI_SECTOR_SIZE))
            self.mini_stream += _pad(entry.data, _MINI_SECTOR_SIZE)

        dir_sectors = _sectors_for(len(entries) * _DIR_ENTRY_SIZE, _SECTOR_SIZE)
        mini_fat_sectors = _sectors_for(len(self.mini_fat) * 4, _SECTOR_SIZE)
        mini_stream_sectors = _sectors_for(len(self.mini_stream), _SECTOR_SIZE)
        large_sectors = sum(_sectors_for(e.size, _SECTOR_SIZE) for e in self.large)
        content = dir_sectors + mini_fat_sectors + mini_stream_sectors + large_sectors
        fat_sectors = 1
        while fat_sectors * _ENTRIES_PER_FAT_SECTOR < fat_sectors + content:
            fat_sectors += 1
        if fat_sectors > _HEADER_DIFAT_ENTRIES:
            raise ValueError("VBA project too large for a compound file without DIFAT sectors")

        self.fat: list[int] = [_FATSECT] * fat_sectors
        self.fat_sectors = fat_sectors
        self.dir_start = self._allocate(dir_sectors)
        self.mini_fat_start = self._allocate(mini_fat_sectors)
        self.mini_fat_sectors = mini_fat_sectors
        root = entries[0]
        root.start = self._allocate(mini_stream_sectors)
        root.size = len(self.mini_stream)
        for entry in self.large:
            entry.start = self._allocate(_sectors_for(entry.size, _SECTOR_SIZE))

    def _allocate(self, count: int) -> int:
        if count == 0:
            return _ENDOFCHAIN
        start = len(self.fat)
        self.fat += _chain(start, count)
        return start

    def render(self) -> bytes:
        fat = self.fat + [_FREESECT] * (self.fat_sectors * _ENTRIES_PER_FAT_SECTOR - len(self.fat))
        parts = [self._header(), _u32_array(fat), self._directory()]
        if self.mini_fat:
            parts.append(_pad(_u32_array(self.mini_fat), _SECTOR_SIZE, fill=0xFF))
        parts.append(_pad(bytes(self.mini_stream), _SECTOR_SIZE))
        parts += [_pad(entry.data, _SECTOR_SIZE) for entry in self.large]
        return b"".join(parts)

    def _header(self) -> bytes:
        """The 512-byte header (MS-CFB 2.2)."""
        difat = list(range(self.fat_sectors))
        difat += [_FREESECT] * (_HEADER_DIFAT_ENTRIES - len(difat))
        header = struct.pack(
            "<8s16sHHHHH6sIIIIIIIII",
            _CFB_SIGNATURE,
            b"\x00" * 16,  # Header CLSID
            0x003E,  # Minor Version
            0x0003,  # Major Version 3
            0xFFFE,  # Byte Order: little-endian
            9,  # Sector Shift: 512 bytes
            6,  # Mini Sector Shift: 64 bytes
            b"\x00" * 6,  # Reserved
            0,  # Number of Directory Sectors: MUST be 0 for version 3
            self.fat_sectors,
            self.dir_start,
            0,  # Transaction Signature Number
            _MINI_STREAM_CUTOFF,
            self.mini_fat_start,
            self.mini_fat_sectors,
            _ENDOFCHAIN,  # First DIFAT Sector Location: none
            0,  # Number of DIFAT Sectors
        )
        return header + _u32_array(difat)

    def _directory(self) -> bytes:
        raw = b"".join(_directory_entry(entry) for entry in self.entries)
        free = _directory_entry(None)
        while len(raw) % _SECTOR_SIZE:
            raw += free
        return raw


def _directory_entry(entry: _Entry | None) -> bytes:
    """One 128-byte directory entry (MS-CFB 2.6.1); None gives an unused entry."""
    if entry is None:
        return struct.pack(
            "<64sHBBIII16sIQQIQ", b"", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM,
            b"", 0, 0, 0, 0, 0,
        )  # fmt: skip
    name = _utf16(entry.name + "\x00")
    start = entry.start if entry.object_type != _STORAGE else 0
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        entry.object_type,
        entry.color,
        entry.left,
        entry.right,
        entry.child,
        b"\x00" * 16,  # CLSID
        0,  # State Bits
        0,  # Creation Time: none, for reproducible output
        0,  # Modified Time
        start,
        entry.size,
    )


def _chain(start: int, count: int) -> list[int]:
    """FAT or MiniFAT entries for ``count`` contiguous sectors starting at ``start``."""
    if count == 0:
        return []
    return [start + offset + 1 for offset in range(count - 1)] + [_ENDOFCHAIN]


def _u32_array(values: list[int]) -> bytes:
    return struct.pack(f"<{len(values)}I", *values)


def _pad(data: bytes, size: int, fill: int = 0) -> bytes:
    return data + bytes([fill]) * (-len(data) % size)
