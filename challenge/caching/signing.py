"""Signing as itsdangerous signs, with the signer made once: for the page cache's answers.

itsdangerous makes a new signer for every `dumps` and derives the signer's key again for every
signature. A kept page with a form signs twice per answer (the CSRF token and the session cookie
that holds it), and making and keying those signers was a third of the answer's cost.
"""

from itsdangerous import Serializer
from itsdangerous.encoding import want_bytes


class Signing:
    """`serializer.dumps(value)`, byte for byte, for one serializer and its default salt."""

    def __init__(self, serializer: Serializer):
        self.serializer = serializer
        self.signer = serializer.make_signer()
        key = self.signer.derive_key()  # from the newest secret key, as signing does
        # Only signing calls it without a key; checking older keys passes theirs.
        derive = self.signer.derive_key
        self.signer.derive_key = lambda secret_key=None: (
            key if secret_key is None else derive(secret_key)
        )
        self.as_text = serializer.is_text_serializer

    def dumps(self, value) -> str | bytes:
        signed = self.signer.sign(want_bytes(self.serializer.dump_payload(value)))
        return signed.decode("utf-8") if self.as_text else signed
