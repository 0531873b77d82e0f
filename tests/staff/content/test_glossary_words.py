"""A text saved in the staff console is held to the glossary as `flask content check` holds a
file: an avoided variant in that locale is an error that names the word to use."""

from tests.staff.content.support import editor, revision_rows, send, served, textarea
from tests.staff.support import staff_client


def test_an_avoided_variant_cannot_be_published_from_the_console(synced):
    client = staff_client(synced, "editor")
    url = editor(locale="hi")
    good = textarea(client.get(url).text)
    bad = good + "\nअपना अकाउंट सुरक्षित रखें।\n"
    response = send(client, url, "publish", bad)
    assert response.status_code == 400
    assert "&#39;अकाउंट&#39; is a variant the glossary" in response.text
    assert "write &#39;खाता&#39;" in response.text
    assert "अपना अकाउंट" not in served(synced, locale="hi").markdown
    assert revision_rows(synced) == []
    assert send(client, url, "publish", good + "\nअपना खाता सुरक्षित रखें।\n").status_code == 302
