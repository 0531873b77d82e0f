"""Where a participant first acted from, kept only as a salted hash of the network that changes
every day: enough to see that many participants came from one network in one minute (a script
inflating the counts), never an address. Without the secret key the hash cannot be linked to a
network; across days it cannot be linked to itself. `flask stats forget-origins` erases old ones.
"""

import datetime as dt
import hashlib
import hmac
import ipaddress

from flask import current_app, has_request_context, request

IPV4_PREFIX = 24  # a household, an office or a mobile carrier's gateway, not a person
IPV6_PREFIX = 48
LENGTH = 16  # hex digits kept


def network_of(address: str | None) -> str:
    """The address's network (IPv4 /24, IPv6 /48), or "unknown"."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def origin_hash(address: str | None, day: dt.date) -> str:
    key = hmac.new(current_app.secret_key.encode(), b"participant-origin", hashlib.sha256).digest()
    message = f"{day.isoformat()}|{network_of(address)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:LENGTH]


def current_origin(day: dt.date) -> str | None:
    """The origin of this request (the client address ProxyFix trusts), or None outside one."""
    if not has_request_context():
        return None
    return origin_hash(request.remote_addr, day)
