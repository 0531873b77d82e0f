"""CSV cells that a spreadsheet opens as data, never as a formula (CSV injection)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting = + - @ (or a tab or carriage return) gets a leading apostrophe; None is empty."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value
