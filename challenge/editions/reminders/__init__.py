"""Daily e-mail reminders during an edition (docs/editions.md, docs/privacy.md).

Double opt-in: the form stores the address unconfirmed and queues one confirmation message; only
a confirmed address gets reminders, one per edition day at REMINDER_HOUR local time in the
subscriber's window, each with a signed one-click unsubscribe link (RFC 8058). Addresses are
deleted once their edition has ended, and never logged."""
