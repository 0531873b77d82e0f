"""gunicorn's sync worker, letting go of a connection as soon as its whole answer is sent.

gunicorn ends every connection with `close_graceful`: it half-closes, then waits up to 2 s for the
client to close as well, reading whatever the client still sends, so that unread request bytes
cannot make the kernel reset the connection before the client has read the answer (RFC 9112,
section 9.6). A sync worker serves nobody while it waits: a round trip per request for a distant
client, and under load a wait that grew with the load, as the other end was slow to close too
(docs/performance.md, item 13).

When the whole request has been read and nothing more has arrived, there is nothing left to reset
over, so this worker closes at once: the kernel still sends the answer, then FIN. Anything else (a
body the app left unread, a chunked body, bytes sent after the request, TLS) still goes through
gunicorn's graceful close.

It also skips a request whose client has already closed the connection, or reset it, by the time
a worker reaches it: nobody is left to read the answer. In a surge, requests wait in the listen
queue; people who give up (a browser's timeout, or pressing reload, which drops the connection)
leave theirs behind, and a sync worker would otherwise render every one of them for nobody while
the people still waiting wait longer, so that the queue never drains. A write is not made either,
as its sender never learns it was. nginx does the same for a client that closes before its answer
(499). A client that half-closes right after sending its request, which no browser does, gets no
answer.
"""

import socket

from gunicorn.http.body import LengthReader
from gunicorn.workers import sync


def read_to_the_end(request) -> bool:
    """Whether gunicorn has read all the client sent: the request's whole body, and no more."""
    reader = request.body.reader
    return (
        isinstance(reader, LengthReader)
        and reader.length == 0
        and not request.unreader.buf.getvalue()
    )


def waiting(client: socket.socket) -> bytes | None:
    """The next byte the client has sent that nobody has read yet; None if nothing has come, and
    b"" once the client has closed its side of the connection (or reset it)."""
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return None
    except ConnectionResetError:
        return b""


class SyncWorker(sync.SyncWorker):
    def handle_request(self, listener, req, client, addr):
        plain = not self.cfg.is_ssl  # a TLS socket cannot be peeked at
        if plain and waiting(client) == b"":
            self.log.debug("Skipped a request whose client had closed the connection")
            return
        super().handle_request(listener, req, client, addr)
        # Returning normally means the answer was written whole. gunicorn's close_graceful then
        # finds the socket closed and returns at once.
        if plain and read_to_the_end(req) and waiting(client) in (None, b""):
            client.close()
