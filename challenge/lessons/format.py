"""Lessons as content: prose with an order and a reading time."""

from challenge.content import fields as f
from challenge.content.kinds import Kind, read_prose

LESSON = Kind(
    name="lesson",
    folder="lessons",
    fields=(*f.COMMON_FIELDS, f.ORDER, f.MINUTES),
    read_body=read_prose,
    position=10,
)
