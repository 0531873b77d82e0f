"""deploy/nginx/ passes `nginx -t`: the local stack's config, and the site config an operator
renders for a production host (plain HTTP and HTTPS, with and without Debian's brotli module)."""

import subprocess

import pytest

from deploy.stack import Site, Stack, render_site
from tests.support.stack import brotli_available, require_nginx, write_site_config

pytestmark = pytest.mark.deploy


def nginx_test(nginx: str, prefix, conf) -> subprocess.CompletedProcess:
    command = [nginx, "-t", "-p", str(prefix), "-c", str(conf), "-e", "stderr"]
    return subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603


def check_site(tmp_path, site: Site):
    """The site config, inside a main config like `make stack`'s, through `nginx -t`."""
    nginx = require_nginx()
    main = write_site_config(tmp_path, site)
    result = nginx_test(nginx, tmp_path, main)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "challenge.conf").read_text()


def test_the_local_stacks_config_passes_nginx_t(tmp_path):
    nginx = require_nginx()
    stack = Stack.from_environment({"STACK_DIR": str(tmp_path)})
    conf = stack.render()
    result = nginx_test(nginx, stack.nginx_dir, conf)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.mark.parametrize("brotli", [False, True], ids=["gzip only", "gzip and brotli"])
def test_a_production_site_over_plain_http_passes(tmp_path, brotli):
    if brotli and not brotli_available():
        pytest.skip("Debian's brotli module is not installed")
    site = Site(
        public_url="http://cyberchallenge.example",
        upstreams=["10.0.0.11:8000", "10.0.0.12:8000"],
        cache_dir=str(tmp_path / "cache"),
        brotli=brotli,
    )
    conf = check_site(tmp_path, site)
    assert "server_name cyberchallenge.example;" in conf
    assert ("brotli.conf" in conf) is brotli


def test_a_production_site_over_https_passes(tmp_path):
    certificate, key = tmp_path / "site.crt", tmp_path / "site.key"
    subprocess.run(  # noqa: S603 - a throwaway self-signed certificate
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=cyberchallenge.example", "-keyout", str(key), "-out", str(certificate)),
        ],
        capture_output=True,
        check=True,
    )
    site = Site(
        public_url="https://cyberchallenge.example",
        upstreams=["10.0.0.11:8000"],
        cache_dir=str(tmp_path / "cache"),
        tls_certificate=str(certificate),
        tls_key=str(key),
        brotli=False,
    )
    conf = check_site(tmp_path, site)
    assert "return 301 https://cyberchallenge.example$request_uri;" in conf
    assert "ssl_reject_handshake on;" in conf


def test_an_https_site_without_a_certificate_is_refused():
    with pytest.raises(ValueError, match="certificate"):
        render_site(Site(public_url="https://x.example", upstreams=["a:1"], cache_dir="/tmp/c"))  # noqa: S108
