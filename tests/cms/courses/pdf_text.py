"""The text of a PDF that reportlab wrote, read back without a PDF library: the streams are
inflated with zlib and each font's ToUnicode map turns the glyph codes back into letters."""

from __future__ import annotations

import base64
import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Object number → (its dictionary, its stream inflated)."""
    found = {}
    for number, body in OBJECT.findall(data):
        stream = b""
        match = STREAM.search(body)
        head = body
        if match:
            head, stream = body[: match.start()], match.group(1)
            if b"ASCII85Decode" in head:
                stream = base64.a85decode(stream.strip().removesuffix(b"~>"))
            if b"FlateDecode" in head:
                stream = zlib.decompress(stream)
        found[int(number)] = (head, stream)
    return found


def _cmap(stream: bytes) -> dict[int, str]:
    mapping = {}
    for code, uni in re.findall(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,})>", stream):
        mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    return mapping


def _unescape(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        char = raw[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        following = raw[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8))
            i += 1 + len(octal.group(0))
        else:
            out += ESCAPES.get(following, following)
            i += 2
    return bytes(out)


def pdf_text(data: bytes) -> str:
    """Every string the pages draw, one per line, in the order drawn."""
    objects = _objects(data)
    fonts: dict[bytes, dict[int, str] | None] = {}
    for name, number in re.findall(rb"/(F[\w+]+) (\d+) 0 R", data):
        head = objects.get(int(number), (b"", b""))[0]
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", head)
        fonts[name] = _cmap(objects[int(to_unicode.group(1))][1]) if to_unicode else None
    lines = []
    for _head, stream in objects.values():
        if b"BT" not in stream:
            continue
        font = None
        for token in re.finditer(rb"/(F[\w+]+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", stream, re.S):
            if token.group(1):
                font = fonts.get(token.group(1))
                continue
            raw = _unescape(token.group(2))
            if font is None:
                lines.append(raw.decode("latin-1"))
            else:
                lines.append("".join(font.get(byte, chr(byte)) for byte in raw))
    return "\n".join(lines)
