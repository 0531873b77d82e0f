from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from challenge.moderation.operations import DECISIONS, parse_reference

MAX_SELECTED = 100


class Invalid(ValueError):
    """A decision no honest form sends, or one without a name chosen; the message is shown."""


class DecisionForm(FlaskForm):
    """The moderation list's one form: a row's own button ("decide" = "approve <name>"), or a bulk
    button ("bulk" = "approve") for the ticked rows ("selected"). Only the CSRF token is a field;
    the rest is read strictly by `decisions()`."""

    def decisions(self, form) -> tuple[str, list]:
        """(decision, [Reference]) from the submitted form; raises Invalid."""
        one = form.get("decide")
        if one:
            decision, _, text = one.partition(" ")
            chosen = [text]
        else:
            decision = form.get("bulk", "")
            chosen = form.getlist("selected")
            if not chosen:
                raise Invalid(_l("Tick at least one name first."))
        if decision not in DECISIONS:
            raise Invalid(_l("That decision is not one the console offers."))
        if len(chosen) > MAX_SELECTED:
            raise Invalid(_l("Choose at most %(max)d names at a time.", max=MAX_SELECTED))
        references = [parse_reference(text) for text in chosen]
        if any(reference is None for reference in references):
            raise Invalid(_l("The form names something that is not a name to review."))
        return decision, references
