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

Modules: ``source`` (VbaModule, the stored source text), ``compression`` (2.4.1),
``dirstream`` (_VBA_PROJECT and dir streams, record helpers), ``project`` (PROJECT and
PROJECTwm streams, 2.4.3 encryption), ``compound`` (the MS-CFB container).
"""

from __future__ import annotations

from collections.abc import Sequence

from .compound import _build_compound_file
from .compression import compress, decompress
from .dirstream import _VBA_PROJECT_STREAM, _dir_stream
from .project import PROJECT_ID, _project_stream, _projectwm_stream
from .source import _PROJECT_NAME_RE, CODE_PAGE, ModuleKind, VbaModule, _encode_source, stored_source

__all__ = [
    "CODE_PAGE",
    "PROJECT_ID",
    "ModuleKind",
    "VbaModule",
    "build_vba_project",
    "compress",
    "decompress",
    "stored_source",
]


def build_vba_project(modules: Sequence[VbaModule], project_name: str = "VBAProject") -> bytes:
    """Return the bytes of a ``vbaProject.bin`` holding ``modules`` in the given order.

    Raises ValueError for an invalid project name, duplicate module names (VBA compares
    them case-insensitively) or source text that is not ASCII.
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
