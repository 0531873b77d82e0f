"""Certificate codes: 80 random bits, in groups of Crockford base32, forgiving on input."""

import re

import pytest

from challenge.certificates import codes

FORMAT = re.compile(r"QCC(-[0-9A-HJKMNP-TV-Z]{4}){4}")


def test_a_code_has_the_prefix_and_four_groups_of_four():
    code = codes.new_code()
    assert FORMAT.fullmatch(code)
    assert len(code) == codes.LENGTH == 23


def test_codes_are_unique():
    made = {codes.new_code() for _ in range(20_000)}
    assert len(made) == 20_000


def test_a_code_carries_80_bits_from_secrets(monkeypatch):
    asked = []

    def randbits(bits):
        asked.append(bits)
        return 2**bits - 1

    monkeypatch.setattr(codes.secrets, "randbits", randbits)
    assert codes.new_code() == "QCC-ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    assert asked == [80]
    assert codes.encode(0) == "QCC-0000-0000-0000-0000"
    assert codes.BITS >= 80 and len(codes.ALPHABET) ** codes.SYMBOLS == 2**80


def test_every_symbol_turns_up_in_every_position():
    """A crude look at the distribution: 2,000 codes use all 32 symbols in each of 16 places."""
    bodies = [codes.new_code().replace("-", "")[3:] for _ in range(2000)]
    for place in range(codes.SYMBOLS):
        assert {body[place] for body in bodies} == set(codes.ALPHABET)


def test_encoding_is_one_to_one():
    numbers = [0, 1, 31, 32, 2**40, 2**79, 2**80 - 1]
    assert len({codes.encode(number) for number in numbers}) == len(numbers)


@pytest.mark.parametrize(
    "typed",
    [
        "QCC-7K2M-9XQH-D4TV-WB3R",
        "qcc-7k2m-9xqh-d4tv-wb3r",
        "QCC 7K2M 9XQH D4TV WB3R",
        "7K2M9XQHD4TVWB3R",
        " qcc7k2m9xqhd4tvwb3r ",
    ],
)
def test_case_spaces_and_hyphens_do_not_matter(typed):
    assert codes.normalise(typed) == "QCC-7K2M-9XQH-D4TV-WB3R"


def test_letters_mistaken_for_digits_are_read_as_digits():
    assert codes.normalise("QCC-IIII-LLLL-OOOO-oooo") == "QCC-1111-1111-0000-0000"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "QCC",
        "QCC-7K2M-9XQH-D4TV",  # too short
        "QCC-7K2M-9XQH-D4TV-WB3R-AAAA",  # too long
        "QCC-7K2M-9XQH-D4TV-WB3U",  # U is not a symbol
        "QCC-7K2M-9XQH-D4TV-WB3*",
        "QCC-７K2M-9XQH-D4TV-WB3R",  # a full-width digit
        "<script>alert(1)</script>",
        "QCC-7K2M-9XQH-D4TV-WB3R\x00",
        "A" * 10_000,
        None,
        12345,
    ],
)
def test_anything_else_is_not_a_code(typed):
    assert codes.normalise(typed) is None
