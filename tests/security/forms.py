"""Finding the forms on a page: each <form>, its method and action, its fields with the values
the page gave them (hidden values, ticked boxes, chosen options), and its named submit buttons."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

SUBMIT_TYPES = {"submit", "button", "reset", "image"}


@dataclass
class FormField:
    name: str
    kind: str  # an <input> type, "select" or "textarea"
    value: str = ""  # what the page filled in
    checked: bool = False
    options: list[str] = field(default_factory=list)  # a select's values, a radio group's values


@dataclass
class Form:
    page: str  # the URL the form was found on
    action: str  # a path, with its query string if any
    method: str  # "get" or "post"
    fields: dict[str, FormField] = field(default_factory=dict)
    # Named submit buttons, (name, value) in page order: a click sends one of them.
    buttons: list[tuple[str, str]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    def default_pairs(self) -> list[tuple[str, str]]:
        """What submitting the form as the page left it would send."""
        pairs = []
        for form_field in self.fields.values():
            if form_field.kind in ("checkbox", "radio"):
                if form_field.checked:
                    pairs.append((form_field.name, form_field.value or "on"))
            else:
                pairs.append((form_field.name, form_field.value))
        return pairs


class FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: FormField | None = None
        self.option: dict | None = None
        self.textarea: FormField | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            action = urljoin(self.page, attributes.get("action") or self.page)
            parts = urlsplit(action)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            self.form = Form(self.page, path, (attributes.get("method") or "get").lower())
            self.forms.append(self.form)
            return
        if tag == "option":
            if self.select is not None:
                self.close_option()
                self.option = attributes
            return
        if self.form is None or "name" not in attributes:
            return
        name = attributes.get("name", "")
        if tag == "button" and attributes.get("type", "submit").lower() == "submit":
            self.form.buttons.append((name, attributes.get("value", "")))
            return
        if tag == "input":
            kind = attributes.get("type", "text").lower()
            if kind == "submit":
                self.form.buttons.append((name, attributes.get("value", "")))
                return
            if kind in SUBMIT_TYPES:
                return
            checked = "checked" in attributes
            existing = self.form.fields.get(name)
            if kind == "radio" and existing is not None:
                existing.options.append(attributes.get("value", "on"))
                if checked:
                    existing.value, existing.checked = attributes.get("value", "on"), True
                return
            self.form.fields[name] = FormField(
                name,
                kind,
                attributes.get("value", "on" if kind in ("checkbox", "radio") else ""),
                checked,
                [attributes.get("value", "on")] if kind == "radio" else [],
            )
        elif tag == "select":
            self.select = FormField(name, "select")
            self.form.fields[name] = self.select
        elif tag == "textarea":
            self.textarea = FormField(name, "textarea")
            self.form.fields[name] = self.textarea

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data
        if self.option is not None and "value" not in self.option:
            self.option["value"] = data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.close_option()
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "option":
            self.close_option()

    def close_option(self):
        if self.option is None or self.select is None:
            return
        value = self.option.get("value", "")
        self.select.options.append(value)
        if "selected" in self.option and not self.select.value:
            self.select.value = value
        self.option = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


FORM_ELEMENT = re.compile(r"<form\b.*?</form>", re.DOTALL | re.IGNORECASE)


def forms_on(page: str, html: str) -> list[Form]:
    parser = FormParser(page)
    parser.feed("".join(FORM_ELEMENT.findall(html)))  # only the forms: parsing is slow
    parser.close()
    for form in parser.forms:
        for form_field in form.fields.values():
            if form_field.kind == "select" and not form_field.value:
                form_field.value = next((value for value in form_field.options if value), "")
    return parser.forms
