"""What can have happened to a visitor: the help page's questions, their first steps in order,
and the ids that channel entries in content/channels/ name in their `situations`."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Situation:
    id: str
    question: object  # lazy string: "I lost money or paid someone"
    steps: tuple  # lazy strings, in the order to do them


SITUATIONS = (
    Situation(
        "clicked-link",
        _l("I clicked a link, or gave a password or a code"),
        (
            _l("Stop: do not reply, and do not enter anything more on that page or in that chat."),
            _l(
                "If you gave bank or card details, or a payment code, call your bank now on the "
                "number on your card or in its official app."
            ),
            _l(
                "Change the password you gave, from a device you trust, and on every account "
                "that uses the same password. Start with your email."
            ),
            _l("Turn on multi-factor authentication, and sign out of all other sessions."),
            _l("Keep the message and a screenshot of the page, then report it."),
        ),
    ),
    Situation(
        "lost-money",
        _l("I lost money or paid someone"),
        (
            _l(
                "Call your bank or payment app now, on the number on your card or in its "
                "official app: ask them to stop the payment and block your card. Minutes count."
            ),
            _l('Stop paying: never pay a "fee" to get your money back.'),
            _l(
                "Keep the evidence: messages, the other person's numbers and accounts, payment "
                "dates, amounts and reference numbers."
            ),
            _l("Report it to the police channel below, and keep the report's reference."),
            _l('Watch for follow-up scams: "recovery" services and fake police or bank calls.'),
        ),
    ),
    Situation(
        "threatened",
        _l("Someone is threatening or blackmailing me"),
        (
            _l("If you are in danger, call the emergency number now."),
            _l("Do not pay and do not send anything more: paying usually brings more demands."),
            _l("Stop replying, but do not delete the messages: take screenshots first."),
            _l("Block the person and report the account to the app or website."),
            _l("Report it to the police, and talk to someone you trust."),
        ),
    ),
    Situation(
        "account-taken-over",
        _l("My account was taken over"),
        (
            _l(
                "Use the service's official account recovery page, typed in yourself, not a link "
                "from a message."
            ),
            _l(
                "Change the password from a device you trust, and on every account that uses the "
                "same password."
            ),
            _l(
                "Sign out of all other sessions, remove devices, recovery numbers and forwarding "
                "rules you do not recognise, and turn on multi-factor authentication."
            ),
            _l("Warn your contacts not to click links or send money in your name."),
            _l("Keep screenshots, and report it if money or threats are involved."),
        ),
    ),
    Situation(
        "identity-stolen",
        _l("My identity was stolen"),
        (
            _l(
                "Tell your bank, and whoever issued the stolen document or card, so they can "
                "block or replace it."
            ),
            _l("Change the passwords of the accounts that use those details."),
            _l("Keep a record of what was taken, and when, and of everyone you contact about it."),
            _l("Report it to the channel below; it can give you a recovery plan."),
            _l("Check your statements and credit reports closely for months."),
        ),
    ),
    Situation(
        "organisation-attacked",
        _l("My organisation was attacked"),
        (
            _l("Follow your incident plan, and tell the person responsible for IT now."),
            _l(
                "Isolate affected computers from the network, but do not switch them off or "
                "wipe them: they hold the evidence."
            ),
            _l("Do not pay a ransom before you have taken advice."),
            _l("Report it to the national cyber security agency below."),
            _l(
                "Change passwords and check for new accounts from a clean device, and restore "
                "from backups you know are clean."
            ),
        ),
    ),
    Situation(
        "child-at-risk",
        _l("I'm worried about a child"),
        (
            _l("If the child is in danger, call the emergency number now."),
            _l(
                "Stay calm and listen: tell the child it is not their fault and that you will help."
            ),
            _l("Do not pay anyone and do not forward or save sexual images: report them instead."),
            _l("Keep usernames and screenshots of the messages, without the images."),
            _l("Report it to the police and to the child-protection channel below."),
        ),
    ),
)

SITUATION_IDS = tuple(situation.id for situation in SITUATIONS)
