"""The certificate as PDF and PNG, in its own language, with its QR code."""

import contextlib
import io
import re
import zlib

import pypdfium2
import pytest
from PIL import Image

from challenge.certificates import documents
from tests.support import certificates
from tests.support.certificates import TITLES


def pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to read its font dictionaries."""
    inflated = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        with contextlib.suppress(zlib.error):
            inflated.append(zlib.decompress(stream))
    return b"\n".join(inflated)


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        assert len(document) == 1
        page = document[0]
        text = page.get_textpage().get_text_bounded()
        return text
    finally:
        document.close()


@pytest.mark.parametrize("locale", ["en", "hi", "ja"])
def test_the_pdf_is_one_page_in_the_certificates_language(app, client, locale):
    code = certificates.issue(app, locale=locale, name="Ada Lovelace")
    response = client.get(f"/verify/{code}/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    text = pdf_text(response.data)
    assert code in text and "Ada Lovelace" in text
    assert f"http://localhost/verify/{code}" in text
    heading = {"en": "Certificate of completion", "hi": "पूर्णता प्रमाणपत्र", "ja": "修了証"}[locale]
    if locale != "hi":
        assert heading in text  # PDFium reads Devanagari back in glyph order, not as typed
        assert TITLES[locale] in "".join(text.split()) or TITLES[locale] in text


def test_hindi_and_japanese_are_drawn_with_their_own_fonts(app, client):
    hindi = client.get(f"/verify/{certificates.issue(app, locale='hi')}/certificate.pdf").data
    japanese = client.get(f"/verify/{certificates.issue(app, locale='ja')}/certificate.pdf").data
    assert b"/FontFamily (Noto Sans Devanagari)" in pdf_objects(hindi)
    assert b"/FontFamily (Noto Sans CJK JP)" in pdf_objects(japanese)
    assert "सुरक्षित" in "".join(pdf_text(hindi).split()) or "सुर" in pdf_text(hindi)


def test_the_png_is_the_same_page_2000_pixels_wide(app, client):
    code = certificates.issue(app, locale="ja", name="山田 花子")
    response = client.get(f"/verify/{code}/certificate.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG"
    width, height = image.size
    assert width == documents.PNG_WIDTH and abs(height - documents.PNG_WIDTH * 210 / 297) <= 1


def test_the_qr_code_points_at_the_public_verification_page(app, client):
    code = certificates.issue(app)
    svg = client.get(f"/verify/{code}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert svg.data.startswith(b"<svg")
    with app.test_request_context():
        from challenge.certificates.qr import verify_url

        assert verify_url(code) == f"{app.config['PUBLIC_URL']}/verify/{code}"


def test_the_qr_code_encodes_that_address(app):
    import segno

    with app.test_request_context():
        from challenge.certificates.qr import ERROR_CORRECTION, qr_svg, verify_url

        url = verify_url("QCC-0000-0000-0000-0000")
        expected = io.BytesIO()
        segno.make(url, error=ERROR_CORRECTION).save(
            expected, kind="svg", scale=4, border=4, xmldecl=False, dark="#000"
        )
        assert qr_svg(url) == expected.getvalue()
        assert segno.make(url, error=ERROR_CORRECTION).designator.endswith("-M")


def test_downloads_are_cacheable_briefly_and_conditional(app, client):
    code = certificates.issue(app)
    first = client.get(f"/verify/{code}/certificate.pdf")
    assert first.cache_control.public and first.cache_control.max_age == 60
    again = client.get(
        f"/verify/{code}/certificate.pdf", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_a_revoked_certificate_cannot_be_downloaded(app, client):
    code = certificates.issue(app, locale="ja")
    certificates.revoke(app, code)
    for suffix in ("certificate.pdf", "certificate.png"):
        response = client.get(f"/verify/{code}/{suffix}")
        assert response.status_code == 410
        assert 'lang="ja"' in response.text


def test_the_document_fetches_nothing(app):
    fetcher = documents.data_only()
    with pytest.raises(ValueError):
        fetcher.fetch("http://127.0.0.1:9/secret")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
