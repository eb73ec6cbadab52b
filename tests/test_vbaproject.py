"""Tests for workbook.msovba: MS-OVBA compression, the VBA project streams and the MS-CFB
container, checked against the specifications, olefile and oletools' olevba.

Comparisons with files Microsoft Excel saved, xlwings' own modules and an .xlsm written by
xlsxwriter are in test_vbaproject_excel.py.
"""

from __future__ import annotations

import hashlib
import random
import struct
from pathlib import Path

import olefile
import pytest
from oletools.olevba import VBA_Parser

from workbook.msovba import (
    PROJECT_ID,
    VbaModule,
    build_vba_project,
    compress,
    decompress,
    stored_source,
)
from workbook.msovba.compression import _copy_token_help
from workbook.msovba.dirstream import _dir_stream
from workbook.msovba.project import _encrypt

BUTTONS_SOURCE = """Option Explicit

Public Sub Validate()
    MsgBox "Validate clicked", vbInformation
End Sub

Public Sub Export()
    Dim i As Long
    For i = 1 To 3
        Debug.Print i
    Next i
End Sub
"""

CLASS_SOURCE = """VERSION 1.0 CLASS
BEGIN
  MultiUse = -1  'True
END
Attribute VB_Name = "Counter"
Attribute VB_GlobalNameSpace = False
Attribute VB_Creatable = False
Attribute VB_PredeclaredId = False
Attribute VB_Exposed = True
Option Explicit

Private mCount As Long

Public Property Get Count() As Long
Attribute Count.VB_UserMemId = 0
    Count = mCount
End Property

Public Sub Increment()
    mCount = mCount + 1
End Sub
"""

SHEET_SOURCE = 'Private Sub Worksheet_Activate()\r\n    Range("A1").Select\r\nEnd Sub\r\n'


def _modules() -> list[VbaModule]:
    return [
        VbaModule("ThisWorkbook", "", "document"),
        VbaModule("Sheet1", SHEET_SOURCE, "document"),
        VbaModule("NianbaoButtons", BUTTONS_SOURCE, "standard"),
        VbaModule("Counter", CLASS_SOURCE, "class"),
    ]


def _random_text(size: int, seed: int) -> bytes:
    """Seeded random printable ASCII: almost no 3-byte repeats, so mostly raw chunks."""
    rng = random.Random(seed)
    return bytes(rng.randrange(32, 127) for _ in range(size))


def _vba_like_text(size: int, seed: int) -> str:
    """Seeded, plausible VBA text of at least ``size`` characters."""
    rng = random.Random(seed)
    words = ["Dim", "As", "Long", "String", "If", "Then", "End", "For", "Next", "Range"]
    lines: list[str] = []
    length = 0
    while length < size:
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
        lines.append(f"    {rng.choice(words)} v_{name} = {rng.randrange(10**6)} ' {name}")
        length += len(lines[-1]) + 1
    return "Sub Big()\n" + "\n".join(lines) + "\nEnd Sub\n"


# ---------------------------------------------------------------------------------------
# MS-OVBA 2.4.1 compression
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"a",
        b"abc",
        b'Attribute VB_Name = "Module1"\r\n',
        b"a" * 15,
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
        b"Sub A()\r\n    MsgBox 1\r\nEnd Sub\r\n" * 500,  # long and repetitive, 4 chunks
        b"x" * 4096,  # exactly one chunk
        b"y" * 8192,  # exactly two chunks
        _random_text(3 * 4096 + 100, seed=1),  # raw chunks, then a short compressed one
    ],
    ids=lambda data: f"{len(data)}B",
)
def test_compression_round_trip(data: bytes) -> None:
    compressed = compress(data)
    assert compressed[0] == 0x01
    assert decompress(compressed) == data


def test_compression_of_empty_input_is_the_signature_byte() -> None:
    assert compress(b"") == b"\x01"


def test_compression_uses_copy_tokens() -> None:
    # 15 x "a": FlagByte 0b10, literal "a", CopyToken offset 1 length 14 (0x000B).
    assert compress(b"a" * 15) == bytes.fromhex("0103B002610B00")
    repetitive = b"Sub A()\r\n    MsgBox 1\r\nEnd Sub\r\n" * 500
    assert len(compress(repetitive)) < len(repetitive) // 10


def test_compression_matches_spec_no_compression_example() -> None:
    # MS-OVBA 3.2.1 "No Compression Example".
    expected = bytes.fromhex(
        "0119B000616263646566676800696A6B6C6D6E6F7000717273747576 2E".replace(" ", "")
    )
    assert compress(b"abcdefghijklmnopqrstuv.") == expected


def test_decompression_of_spec_normal_example() -> None:
    # MS-OVBA 3.2.2 "Normal Compression Example" (Office's own output; the spec's
    # pseudo-code picks other, equally valid matches, so only decompression is compared).
    compressed = bytes.fromhex(
        "012FB00023616161626364658266007061676869 6A0138 08616B6C00306D6E6F70"
        "067102700410727374757610 7778797A003C".replace(" ", "")
    )
    expected = b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"
    assert decompress(compressed) == expected


def test_raw_chunks_are_used_for_incompressible_data() -> None:
    data = _random_text(2 * 4096, seed=2)
    compressed = compress(data)
    header_1, header_2 = (struct.unpack_from("<H", compressed, 1 + n * 4098)[0] for n in (0, 1))
    assert header_1 == header_2 == 0x3FFF  # size 4098, signature 0b011, flag 0 (raw)
    assert len(compressed) == 1 + 2 * 4098


def test_last_raw_chunk_is_padded_with_zeros() -> None:
    # MS-OVBA 2.4.1.3.10: a RawChunk is always 4096 bytes, so a short incompressible last
    # chunk comes back padded with 0x00. VBA source text never gets there.
    data = _random_text(4000, seed=3)
    assert decompress(compress(data)) == data + b"\x00" * 96


@pytest.mark.parametrize(
    ("position", "bit_count"),
    [(1, 4), (16, 4), (17, 5), (32, 5), (33, 6), (64, 6), (65, 7), (128, 7), (129, 8),
     (256, 8), (257, 9), (512, 9), (513, 10), (1024, 10), (1025, 11), (2048, 11),
     (2049, 12), (4095, 12)],
)  # fmt: skip
def test_copy_token_bit_split(position: int, bit_count: int) -> None:
    # MS-OVBA 2.4.1.3.19.1 CopyToken Help: BitCount = max(ceil(log2(position)), 4).
    assert _copy_token_help(position) == (bit_count, (0xFFFF >> bit_count) + 3)


def test_decompress_rejects_bad_signature() -> None:
    with pytest.raises(ValueError):
        decompress(b"\x02\x00")


# ---------------------------------------------------------------------------------------
# Module source normalisation
# ---------------------------------------------------------------------------------------

def test_class_module_drops_version_block_and_gets_vb_base() -> None:
    text = stored_source(VbaModule("Counter", CLASS_SOURCE, "class"))
    assert text.startswith(
        'Attribute VB_Name = "Counter"\r\n'
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"\r\n'
        "Attribute VB_GlobalNameSpace = False\r\n"
        "Attribute VB_Creatable = False\r\n"
        "Attribute VB_PredeclaredId = False\r\n"
        "Attribute VB_Exposed = True\r\n"  # the source's value wins over the default
        "Attribute VB_TemplateDerived = False\r\n"
        "Attribute VB_Customizable = False\r\n"
        "Option Explicit\r\n"
    )
    assert "VERSION" not in text and "BEGIN" not in text
    assert "Attribute Count.VB_UserMemId = 0\r\n" in text  # procedure attributes stay


def test_standard_module_gets_vb_name_and_crlf() -> None:
    text = stored_source(VbaModule("NianbaoButtons", BUTTONS_SOURCE, "standard"))
    assert text == 'Attribute VB_Name = "NianbaoButtons"\r\n' + BUTTONS_SOURCE.replace("\n", "\r\n")
    given = 'Attribute VB_Name = "NianbaoButtons"\r\n' + BUTTONS_SOURCE
    assert stored_source(VbaModule("NianbaoButtons", given, "standard")) == text


def test_source_without_final_newline_gets_one() -> None:
    assert stored_source(VbaModule("M", "Sub A()\nEnd Sub", "standard")).endswith("End Sub\r\n")


@pytest.mark.parametrize(
    ("name", "kind"),
    [("1abc", "standard"), ("a b", "standard"), ("x" * 32, "standard"), ("Modül", "standard"),
     ("dir", "standard"), ("Module1", "form")],
)  # fmt: skip
def test_invalid_modules_are_rejected(name: str, kind: str) -> None:
    with pytest.raises(ValueError):
        VbaModule(name, "", kind)  # type: ignore[arg-type]


def test_build_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        build_vba_project([VbaModule("A", "", "standard"), VbaModule("a", "", "class")])
    with pytest.raises(ValueError, match=r"'A', stored line 2: non-ASCII character '校' \(U\+6821\)"):
        build_vba_project([VbaModule("A", 'MsgBox "校验"', "standard")])
    # cp1252 could store "é", but a Chinese Excel would decode that byte as GBK: refused too
    with pytest.raises(ValueError, match=r"non-ASCII character 'é'.*ChrW"):
        build_vba_project([VbaModule("A", "' caf\u00e9\nSub A()\nEnd Sub", "standard")])
    with pytest.raises(ValueError, match="VB_Name"):
        build_vba_project([VbaModule("A", 'Attribute VB_Name = "B"\n', "standard")])
    with pytest.raises(ValueError, match="project name"):
        build_vba_project([], project_name="My Project")


# ---------------------------------------------------------------------------------------
# The compound file and its streams
# ---------------------------------------------------------------------------------------


def _open(data: bytes) -> olefile.OleFileIO:
    # DEFECT_INCORRECT: olefile raises on any structure that violates MS-CFB.
    return olefile.OleFileIO(data, raise_defects=olefile.DEFECT_INCORRECT)


def test_olefile_lists_the_expected_streams() -> None:
    ole = _open(build_vba_project(_modules()))
    assert sorted("/".join(path) for path in ole.listdir(streams=True, storages=True)) == sorted(
        [
            "PROJECT",
            "PROJECTwm",
            "VBA",
            "VBA/_VBA_PROJECT",
            "VBA/dir",
            "VBA/ThisWorkbook",
            "VBA/Sheet1",
            "VBA/NianbaoButtons",
            "VBA/Counter",
        ]
    )
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")
    for module in _modules():
        stream = ole.openstream(f"VBA/{module.name}").read()
        assert decompress(stream) == stored_source(module).encode("cp1252")


def test_cfb_header_fields() -> None:
    data = build_vba_project(_modules())
    assert len(data) % 512 == 0
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    minor, major, byte_order, sector_shift, mini_shift = struct.unpack_from("<5H", data, 24)
    assert (minor, major, byte_order, sector_shift, mini_shift) == (0x3E, 3, 0xFFFE, 9, 6)
    assert struct.unpack_from("<I", data, 40)[0] == 0  # directory sector count (v3)
    assert struct.unpack_from("<I", data, 56)[0] == 4096  # mini stream cutoff


RED, BLACK = 0, 1  # directory entry Color Flag values (MS-CFB 2.6.1)


def _check_red_black_tree(
    ole: olefile.OleFileIO, storage: olefile.olefile.OleDirectoryEntry
) -> list[str]:
    """Check MS-CFB 2.6.4 on one storage's children; return them in tree order."""
    entries = ole.direntries

    def walk(sid: int, parent_red: bool) -> tuple[list[str], int]:
        if sid == olefile.NOSTREAM:
            return [], 0
        node = entries[sid]
        red = node.color == RED
        assert not (red and parent_red), f"red node {node.name!r} has a red parent"
        left, left_black = walk(node.sid_left, red)
        right, right_black = walk(node.sid_right, red)
        assert left_black == right_black, f"unbalanced black height under {node.name!r}"
        return [*left, node.name, *right], left_black + (0 if red else 1)

    root = entries[storage.sid_child]
    assert root.color == BLACK
    names, _ = walk(storage.sid_child, False)
    assert names == sorted(names, key=lambda name: (len(name), name.upper()))
    return names


def test_directory_trees_are_valid_red_black_trees() -> None:
    modules = _modules() + [VbaModule(f"Module{n}", "", "standard") for n in range(1, 30)]
    ole = _open(build_vba_project(modules))
    vba_storage = next(e for e in ole.direntries if e is not None and e.name == "VBA")
    assert len(_check_red_black_tree(ole, vba_storage)) == len(modules) + 2
    assert _check_red_black_tree(ole, ole.root) == ["VBA", "PROJECT", "PROJECTwm"]


def test_large_streams_use_the_fat_and_small_ones_the_mini_stream() -> None:
    big = VbaModule("Big", _vba_like_text(200_000, seed=4), "standard")
    modules = [*_modules(), big]
    data = build_vba_project(modules)
    ole = _open(data)
    big_size = ole.get_size("VBA/Big")
    assert big_size >= 4096 * 16  # several FAT sectors' worth, so more than one FAT sector
    assert struct.unpack_from("<I", data, 44)[0] > 1  # number of FAT sectors
    assert ole.get_size("VBA/dir") < 4096  # lives in the mini stream
    assert decompress(ole.openstream("VBA/Big").read()) == stored_source(big).encode()
    assert _parsed_modules(data)["Big"] == stored_source(big)


def test_build_is_reproducible() -> None:
    first = hashlib.sha256(build_vba_project(_modules())).hexdigest()
    second = hashlib.sha256(build_vba_project(_modules())).hexdigest()
    assert first == second


NO_PASSWORD = b"\x00"
VISIBLE = b"\xff"


def test_project_stream() -> None:
    ole = _open(build_vba_project(_modules(), project_name="NianbaoVBA"))
    text = ole.openstream("PROJECT").read().decode("cp1252")
    lines = text.split("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert lines[:10] == [
        f'ID="{PROJECT_ID}"',
        "Document=ThisWorkbook/&H00000000",
        "Document=Sheet1/&H00000000",
        "Module=NianbaoButtons",
        "Class=Counter",
        'Name="NianbaoVBA"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{_encrypt(bytes(4))}"',
        f'DPB="{_encrypt(NO_PASSWORD)}"',
    ]
    assert lines[10:] == [
        f'GC="{_encrypt(VISIBLE)}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
        "ThisWorkbook=0, 0, 0, 0, C",
        "Sheet1=0, 0, 0, 0, C",
        "NianbaoButtons=0, 0, 0, 0, C",
        "Counter=0, 0, 0, 0, C",
        "",
        "",
    ]


def _decrypt(hex_text: str, project_id: str) -> bytes:
    """MS-OVBA 2.4.3.3 Decryption, written from the spec independently of the module."""
    encrypted = bytes.fromhex(hex_text)
    seed, version_enc, project_key_enc = encrypted[:3]
    assert seed ^ version_enc == 2
    assert seed ^ project_key_enc == sum(project_id.encode()) & 0xFF
    unencrypted_1, encrypted_1, encrypted_2 = seed ^ project_key_enc, project_key_enc, version_enc
    plain = bytearray()
    for byte_enc in encrypted[3:]:
        byte = byte_enc ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        plain.append(byte)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, byte_enc, byte
    ignored = (seed & 6) // 2
    (length,) = struct.unpack_from("<I", plain, ignored)
    data = bytes(plain[ignored + 4 :])
    assert len(data) == length
    return data


def test_project_protection_fields_decrypt_to_unprotected_visible() -> None:
    text = _open(build_vba_project(_modules())).openstream("PROJECT").read().decode()
    values = {}
    for line in text.split("\r\n"):
        key, _, value = line.partition("=")
        if key in ("CMG", "DPB", "GC"):
            values[key] = value.strip('"')
    assert _decrypt(values["CMG"], PROJECT_ID) == bytes(4)  # no protection
    assert _decrypt(values["DPB"], PROJECT_ID) == NO_PASSWORD
    assert _decrypt(values["GC"], PROJECT_ID) == VISIBLE


def test_projectwm_stream_is_uncompressed_name_map() -> None:
    ole = _open(build_vba_project(_modules()))
    expected = b"".join(
        name.encode() + b"\x00" + name.encode("utf-16-le") + b"\x00\x00"
        for name in ("ThisWorkbook", "Sheet1", "NianbaoButtons", "Counter")
    )
    assert ole.openstream("PROJECTwm").read() == expected + b"\x00\x00"


def _records(data: bytes) -> list[tuple[int, int]]:
    """Walk a decompressed dir stream as (Id, Size) pairs; PROJECTVERSION is special."""
    records, position = [], 0
    while position < len(data):
        record_id, size = struct.unpack_from("<HI", data, position)
        records.append((record_id, size))
        position += 6 + (6 if record_id == 0x0009 else size)
    assert position == len(data)
    return records


def test_dir_stream_records() -> None:
    modules = [VbaModule("ThisWorkbook", "", "document"), VbaModule("Mod", "", "standard")]
    dir_stream = _dir_stream(modules, "VBAProject")
    stdole = (
        r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
        r"C:\Windows\System32\stdole2.tlb#OLE Automation"
    )
    office = (
        r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
        r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library"
    )

    def module(name: str, module_type: int) -> list[tuple[int, int]]:
        return [(0x19, len(name)), (0x47, 2 * len(name)), (0x1A, len(name)),
                (0x32, 2 * len(name)), (0x1C, 0), (0x48, 0), (0x31, 4), (0x1E, 4),
                (0x2C, 2), (module_type, 0), (0x2B, 0)]  # fmt: skip

    assert _records(dir_stream) == [
        (0x01, 4), (0x02, 4), (0x14, 4), (0x03, 2), (0x04, 10), (0x05, 0), (0x40, 0),
        (0x06, 0), (0x3D, 0), (0x07, 4), (0x08, 4), (0x09, 4), (0x0C, 0), (0x3C, 0),
        (0x16, 6), (0x3E, 12), (0x0D, 4 + len(stdole) + 6),
        (0x16, 6), (0x3E, 12), (0x0D, 4 + len(office) + 6),
        (0x0F, 2), (0x13, 2),
        *module("ThisWorkbook", 0x22), *module("Mod", 0x21),
        (0x10, 0),
    ]  # fmt: skip
    assert dir_stream[:10] == bytes.fromhex("0100 04000000 01000000")  # SysKind win32
    assert struct.unpack_from("<H", dir_stream, 6 + 4 + 2 * 10 + 6)[0] == 1252  # code page
    assert stdole.encode() in dir_stream and office.encode() in dir_stream


# ---------------------------------------------------------------------------------------
# oletools' olevba decodes the project
# ---------------------------------------------------------------------------------------


def _parsed_modules(data: bytes, filename: str = "vbaProject.bin") -> dict[str, str]:
    """Module name -> source text as olevba decodes it, parsing in strict mode."""
    parser = VBA_Parser(filename, data=data, relaxed=False)
    try:
        assert parser.detect_vba_macros()
        return {
            Path(vba_filename).stem: code for _, _, vba_filename, code in parser.extract_macros()
        }
    finally:
        parser.close()


def _code_body(text: str) -> str:
    """Source without a VERSION/BEGIN/END block and without the leading module-level
    ``Attribute VB_*`` lines, with line ends as \\n and trailing whitespace removed."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[0].startswith("VERSION "):
        lines = lines[lines.index("END") + 1 :]
    while lines and lines[0].startswith("Attribute VB_"):
        lines.pop(0)
    return "\n".join(lines).rstrip()


def test_olevba_decodes_every_module() -> None:
    modules = _modules()
    parsed = _parsed_modules(build_vba_project(modules))
    assert set(parsed) == {module.name for module in modules}
    for module in modules:
        # Exact: the text olevba decodes is what stored_source() promises, CRLF included.
        assert parsed[module.name] == stored_source(module)
        # Modulo the header: the code is the caller's source.
        assert _code_body(parsed[module.name]) == _code_body(module.source)
