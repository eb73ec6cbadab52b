"""MS-OVBA 2.4.1 compression: the LZ77 variant every VBA stream but PROJECT and PROJECTwm uses."""

from __future__ import annotations

import struct

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
