"""The VBA storage streams: _VBA_PROJECT (MS-OVBA 2.3.4.1) and dir (2.3.4.2), and the
binary record helpers they share with the PROJECT streams."""

from __future__ import annotations

import struct
from collections.abc import Sequence

from .source import _ENCODING, CODE_PAGE, VbaModule

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
