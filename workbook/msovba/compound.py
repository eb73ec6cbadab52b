"""MS-CFB compound file writer (version 3, 512-byte sectors): the container of vbaProject.bin."""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass, field

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
    name = (entry.name + "\x00").encode("utf-16-le")
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
