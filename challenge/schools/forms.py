from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length, ValidationError

from challenge.schools.queries import by_code


def clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value else value


class NewClassForm(FlaskForm):
    name = StringField(
        _l("Class name"),
        validators=[InputRequired(_l("Enter a name for the class.")), Length(max=40)],
        filters=[clean],
        description=_l(
            "A name you and your pupils recognise, such as 7B. Not a pupil's name: pupils join anonymously."
        ),
    )


class JoinClassForm(FlaskForm):
    code = StringField(
        _l("Class code"),
        validators=[InputRequired(_l("Enter the code your teacher gave you.")), Length(max=20)],
        description=_l("Six letters and digits, such as ACD-EFH."),
    )
    school_class = None  # the class the code names, once validated

    def validate_code(self, field) -> None:
        self.school_class = by_code(field.data)
        if self.school_class is None:
            raise ValidationError(
                _l("That code does not match a class. Check it with your teacher.")
            )
