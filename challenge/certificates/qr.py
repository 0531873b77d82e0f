"""The QR code on a certificate: the absolute address of its verification page (segno)."""

import io

import segno

from challenge.urls import public_url

# Medium error correction: a printed certificate survives a fold or a smudge, and the code stays
# small enough to scan from a phone screen.
ERROR_CORRECTION = "m"


def verify_url(code: str) -> str:
    """The public, locale-free address of the certificate's page (what the QR code holds)."""
    return public_url("certificates.verify", code=code, locale=None)


def qr_svg(url: str, *, scale: int = 4, title: str | None = None) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error=ERROR_CORRECTION).save(
        buffer, kind="svg", scale=scale, border=4, xmldecl=False, title=title, dark="#000"
    )
    return buffer.getvalue()


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    return segno.make(url, error=ERROR_CORRECTION).svg_data_uri(scale=scale, border=4)
