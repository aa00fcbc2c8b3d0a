"""Drawing the files of images and documents: PNGs and PDFs, the same bytes for the same input."""

from __future__ import annotations

import io
import time
from functools import cache
from typing import Any

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

_FONT_FILES = {
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "DejaVuSans.ttf"),
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
}
# A4 at 150 dots per inch.
PDF_PAGE = (1240, 1754)
PDF_DPI = 150
# Fixed dates keep a generated PDF byte-for-byte the same on every run.
PDF_DATE = time.gmtime(0)


@cache
def _font(size: int, bold: bool = False):
    """A font with Cyrillic letters when the system has one; Pillow's own font otherwise."""
    for name in _FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        line = ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if line and font.getlength(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def image_png(draw: dict) -> bytes:
    """An image as PNG bytes: a plain or top-to-bottom gradient background with centred text.

    The same description gives the same bytes on the same system (fonts come from it).
    """
    width, height = draw.get("size", [1200, 800])
    stops = [_hex_rgb(c) for c in draw.get("background") or ["#2d5b8a"]]
    image = PILImage.new("RGB", (width, height), stops[0])
    canvas = ImageDraw.Draw(image)
    if len(stops) > 1:
        segments = len(stops) - 1
        for y in range(height):
            position = y / max(height - 1, 1) * segments
            index = min(int(position), segments - 1)
            share = position - index
            start, end = stops[index], stops[index + 1]
            colour = tuple(round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
            canvas.line([(0, y), (width, y)], fill=colour)
    text = (draw.get("text") or "").strip()
    if text:
        average = [sum(channel) / len(stops) for channel in zip(*stops, strict=True)]
        luminance = 0.299 * average[0] + 0.587 * average[1] + 0.114 * average[2]
        colour = draw.get("color") or ("#ffffff" if luminance < 150 else "#1b1b1b")
        size = max(12, height // 11)
        while True:
            font = _font(size, bold=True)
            lines = _wrap(text, font, width * 0.8)
            spacing = size // 4
            block = len(lines) * size + (len(lines) - 1) * spacing
            fits = all(font.getlength(line) <= width * 0.9 for line in lines)
            if (fits and block <= height * 0.7) or size <= 12:
                break
            size = max(12, int(size * 0.9))
        canvas.multiline_text(
            (width / 2, height / 2),
            "\n".join(lines),
            font=font,
            fill=colour,
            anchor="mm",
            align="center",
            spacing=spacing,
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def document_pdf(title: str, text: str) -> bytes:
    """A PDF of A4 pages with the title and the text, the same bytes for the same input."""
    width, height = PDF_PAGE
    margin = 150
    title_font, body_font = _font(44, bold=True), _font(28)
    lines: list[tuple[str, Any, int]] = [
        (line, title_font, 58) for line in _wrap(title, title_font, width - 2 * margin)
    ]
    lines.append(("", body_font, 30))
    for paragraph in str(text).strip().split("\n\n"):
        for line in _wrap(" ".join(paragraph.split()), body_font, width - 2 * margin):
            lines.append((line, body_font, 40))
        lines.append(("", body_font, 20))
    pages, y, canvas = [], height, None
    for line, font, step in lines:
        if y + step > height - margin:
            pages.append(PILImage.new("L", (width, height), 255))
            canvas, y = ImageDraw.Draw(pages[-1]), margin
        canvas.text((margin, y), line, font=font, fill=0)
        y += step
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=PDF_DPI,
        title=title,
        creationDate=PDF_DATE,
        modDate=PDF_DATE,
    )
    return buffer.getvalue()
