"""Pools of generated images and documents that the demo pages share."""

from __future__ import annotations

import io
import random

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from media.models import Consent

from .text import RU_PEOPLE, Text

__all__ = ["make_documents", "make_images"]


def make_images(count: int, rng: random.Random) -> list:
    """A pool of generated JPEG photos (gradients with shapes), reused across pages."""
    text = Text(rng, "ru")
    pool = []
    for number in range(count):
        width, height = rng.choice([(1600, 1067), (1200, 800), (1200, 1200), (900, 1200)])
        base = tuple(rng.randrange(40, 200) for _ in range(3))
        img = PILImage.new("RGB", (width, height), base)
        draw = ImageDraw.Draw(img)
        for y in range(0, height, 8):
            shade = tuple(min(255, c + y * 60 // height) for c in base)
            draw.rectangle([0, y, width, y + 8], fill=shade)
        for _ in range(rng.randint(3, 8)):
            x0, y0 = rng.randrange(width), rng.randrange(height)
            size = rng.randrange(60, 400)
            colour = tuple(rng.randrange(256) for _ in range(3))
            shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
            shape([x0, y0, x0 + size, y0 + size], fill=colour)
        buffer = io.BytesIO()
        img.save(buffer, "JPEG", quality=82)
        title = f"{text.title()} {number + 1}"
        pool.append(
            get_image_model().objects.create(
                title=title,
                file=ContentFile(buffer.getvalue(), name=f"demo-{number + 1:03d}.jpg"),
                credit=rng.choice(RU_PEOPLE),
                # Some photos show people who agreed; none shows people who refused.
                consent=Consent.ON_FILE if rng.random() < 0.3 else Consent.NOT_REQUIRED,
            )
        )
    return pool


def make_documents(count: int, rng: random.Random) -> list:
    """A pool of small one-page PDF documents."""
    text = Text(rng, "ru")
    pool = []
    for number in range(count):
        title = text.title()
        pool.append(
            get_document_model().objects.create(
                title=title,
                file=ContentFile(
                    _tiny_pdf(f"Demo document {number + 1}"), name=f"demo-{number + 1:03d}.pdf"
                ),
            )
        )
    return pool


def _tiny_pdf(line: str) -> bytes:
    content = f"BT /F1 24 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
