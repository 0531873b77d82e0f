"""Several requests of one browser at once (tabs, double clicks, retries), in real threads.

Each thread has its own test client (carrying the same cookies) and so its own application
context, database session and connection: the requests meet only in the database, as they would
across server workers.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from werkzeug.datastructures import MultiDict


def same_browser(client, count: int) -> list:
    """`count` test clients holding a copy of `client`'s cookies."""
    clients = []
    for _ in range(count):
        copy = client.application.test_client()
        for cookie in client_cookies(client):
            copy.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
        clients.append(copy)
    return clients


def client_cookies(client) -> list:
    """The cookies a test client holds, through werkzeug's public get_cookie."""
    from challenge.participation.identity import COOKIE_NAME

    config = client.application.config
    names = (COOKIE_NAME, config["SESSION_COOKIE_NAME"], config["REMEMBER_COOKIE_NAME"])
    return [cookie for name in names if (cookie := client.get_cookie(name)) is not None]


def post_at_once(clients: list, url: str, data, *, headers: dict | None = None) -> list:
    """POST a form from every client, released together by a barrier; the responses in order.

    `data` is one form for all, or a list of forms (one per client, each a list of pairs)."""
    forms = data if isinstance(data, list) and data and isinstance(data[0], list) else None
    barrier = threading.Barrier(len(clients))

    def post(index):
        form = forms[index] if forms else data
        barrier.wait(timeout=30)
        return clients[index].post(url, data=MultiDict(form), headers=headers or {})

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(post, range(len(clients))))
