"""Gzip answers assembled from parts deflated once: each part ends with a full flush, so the parts
are independent and a per-visitor piece (the CSRF token) can go between them as a stored block, with
no compression work per request."""

import struct
import zlib

from challenge.compression import LEVEL

GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
FINAL_EMPTY_BLOCK = b"\x01\x00\x00\xff\xff"  # a stored block, last of the stream


def deflated(data: bytes) -> bytes:
    """`data` as raw deflate blocks that end byte-aligned, so other blocks may follow."""
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


def stored_block(data: bytes) -> bytes:
    """`data` as stored (uncompressed) deflate blocks, none of them the last."""
    blocks = []
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start : start + 0xFFFF]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


def gzip_member(packed_parts: list[bytes], parts: list[bytes], between: bytes | None) -> bytes:
    """One gzip member: the parts (deflated beforehand) with `between` stored between each two."""
    pieces, crc, size = [GZIP_HEADER], 0, 0
    for number, (part, packed) in enumerate(zip(parts, packed_parts, strict=True)):
        if number:
            pieces.append(stored_block(between))
            crc, size = zlib.crc32(between, crc), size + len(between)
        pieces.append(packed)
        crc, size = zlib.crc32(part, crc), size + len(part)
    pieces.append(FINAL_EMPTY_BLOCK)
    pieces.append(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
    return b"".join(pieces)
