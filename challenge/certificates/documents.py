"""The certificate as PDF and PNG, both from one HTML template (certificates/document.html).

WeasyPrint lays the page out with the system's Pango and HarfBuzz, so Devanagari conjuncts and
Japanese line breaking come out right with Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk);
the PNG is the PDF's page drawn by PDFium (pypdfium2). The document loads nothing: its QR code is
a data URI and every other URL is refused.
"""

import io
import threading
from functools import lru_cache

import pypdfium2
import weasyprint
from flask import render_template
from flask_babel import force_locale

from challenge.certificates.facts import Facts
from challenge.certificates.qr import qr_data_uri

PNG_WIDTH = 2000  # pixels across an A4 landscape page: sharp when printed at A5, small to send
_pdfium = threading.Lock()  # PDFium is not thread-safe


def data_only() -> weasyprint.URLFetcher:
    """WeasyPrint's fetcher for data: URIs alone, so the document can never make the server fetch
    anything; a resource that fails stops the rendering instead of leaving a hole."""
    return weasyprint.URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)


def document_html(facts: Facts) -> str:
    with force_locale(facts.locale):
        return render_template(
            "certificates/document.html",
            facts=facts,
            qr=qr_data_uri(facts.verify_url, scale=8),
        )


@lru_cache(maxsize=32)
def _pdf(html: str, stylesheet: str) -> bytes:
    css = weasyprint.CSS(string=stylesheet, url_fetcher=data_only())
    document = weasyprint.HTML(string=html, url_fetcher=data_only())
    return document.write_pdf(stylesheets=[css])


def certificate_pdf(facts: Facts) -> bytes:
    """The PDF; the same facts give the same bytes from a small cache."""
    return _pdf(document_html(facts), render_template("certificates/document.css"))


@lru_cache(maxsize=32)
def _png(pdf: bytes) -> bytes:
    with _pdfium:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[0]
            width, _height = page.get_size()  # in points
            image = page.render(scale=PNG_WIDTH / width).to_pil()
            page.close()
        finally:
            document.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def certificate_png(facts: Facts) -> bytes:
    return _png(certificate_pdf(facts))
