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


def nothing_more_sent(client: socket.socket) -> bool:
    """Whether no byte is waiting to be read (the client's own close is not a byte)."""
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return True
    except OSError:
        return False


class SyncWorker(sync.SyncWorker):
    def handle_request(self, listener, req, client, addr):
        super().handle_request(listener, req, client, addr)
        # Returning normally means the answer was written whole. gunicorn's close_graceful then
        # finds the socket closed and returns at once.
        if not self.cfg.is_ssl and read_to_the_end(req) and nothing_more_sent(client):
            client.close()
