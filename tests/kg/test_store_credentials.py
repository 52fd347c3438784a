"""A remote store's credentials (a password in its URL, AIKG_STORE_TOKEN) appear in no message,
no repr and no traceback, and go to no other server than the store's."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from api.settings import ApiSettings
from kg.errors import StoreError
from kg.settings import Settings, redact_url
from kg.store import open_store
from kg.store.remote import _OPENER, Credentials, split_credentials

SECRET = "s3cr3t-pw"
TOKEN = "t0ken-value"
#: Nothing listens on the discard port: a connection there is refused at once.
CLOSED = "127.0.0.1:9"


def test_reprs_show_no_password_and_no_token() -> None:
    env = {"AIKG_STORE": f"http://reader:{SECRET}@{CLOSED}/ds",
           "AIKG_STORE_QUERY": f"http://reader:{SECRET}@{CLOSED}/ds/query",
           "AIKG_STORE_TOKEN": TOKEN, "AIKG_UPDATE_TOKEN": TOKEN}
    for settings in (Settings.from_env(env), ApiSettings.from_env(env)):
        shown = repr(settings)
        assert SECRET not in shown and TOKEN not in shown, shown
        assert f"http://***@{CLOSED}/ds" in shown and "'***'" in shown
    credentials = Credentials(user="reader", password=SECRET)
    assert SECRET not in repr(credentials) and "reader" in repr(credentials)
    assert TOKEN not in repr(Credentials(token=TOKEN))
    assert SECRET not in repr({credentials})


@pytest.mark.parametrize("url", [
    f"http://reader:{SECRET}/x@{CLOSED}",  # a '/' in the password, not percent-encoded
    f"http://reader:{SECRET}#x@{CLOSED}",
    f"http://reader:{SECRET}?x@{CLOSED}/ds",
    f"http://reader:{SECRET}@127.0.0.1:port",
    f"http://reader:{SECRET}@[::1",
])
def test_a_url_that_does_not_parse_is_refused_without_its_password(url: str) -> None:
    # Before: urllib's "nonnumeric port: 's3cr3t-pw'" (the password read as a port) as a
    # traceback, or a request to a host named after the user.
    with pytest.raises(StoreError) as caught:
        split_credentials(url)
    assert SECRET not in str(caught.value)
    with pytest.raises(StoreError) as caught:
        open_store(Settings(store=url))
    assert SECRET not in str(caught.value)


def test_a_percent_encoded_password_is_decoded() -> None:
    clean, credentials = split_credentials(f"https://reader:a%2Fb%40c%3A@{CLOSED}/ds")
    assert clean == f"https://{CLOSED}/ds"
    assert credentials == Credentials(user="reader", password="a/b@c:")


def test_redact_url() -> None:
    assert redact_url(f"HTTPS://u:{SECRET}@host:1/p?q=a@b") == "HTTPS://***@host:1/p?q=a@b"
    assert redact_url("http://host/p@x") == "http://host/p@x"
    assert redact_url("./data/store") == "./data/store"


def test_an_upper_case_scheme_is_a_remote_store_not_a_directory(tmp_path: Path) -> None:
    # Before: `HTTP://user:pw@host` was a store directory (created by `kg ingest`), and the
    # messages about it ("there is no store at HTTP://user:pw@...") showed the password.
    settings = Settings.from_env({"AIKG_STORE": f"HTTP://reader:{SECRET}@{CLOSED}"})
    assert settings.store.startswith("http://")
    assert ApiSettings.from_env({"AIKG_STORE": f"Https://reader:{SECRET}@{CLOSED}"}).is_remote
    with pytest.raises(StoreError) as caught:
        open_store(settings)
    assert "cannot reach the SPARQL server" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_an_unreachable_server_is_named_without_credentials() -> None:
    for env in ({"AIKG_STORE": f"http://reader:{SECRET}@{CLOSED}"},
                {"AIKG_STORE": f"http://{CLOSED}", "AIKG_STORE_TOKEN": TOKEN},
                {"AIKG_STORE": f"http://{CLOSED}",
                 "AIKG_STORE_UPDATE": f"http://reader:{SECRET}@{CLOSED}/update"}):
        with pytest.raises(StoreError) as caught:
            open_store(Settings.from_env(env))
        assert SECRET not in str(caught.value) and TOKEN not in str(caught.value)


@pytest.mark.parametrize("argv", [["stats"], ["index", "status"], ["query", "ASK {}"]])
def test_the_command_line_shows_no_credentials(argv: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "AIKG_STORE": f"http://reader:{SECRET}@{CLOSED}",
           "AIKG_UPDATE_TOKEN": TOKEN, "AIKG_INDEX": str(tmp_path / "index.sqlite")}
    env.pop("AIKG_STORE_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "kg.cli", *argv], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert SECRET not in done.stdout + done.stderr and TOKEN not in done.stdout + done.stderr
    assert not any(tmp_path.glob("HTTP*")) and not any(tmp_path.glob("http*"))


# -- redirects ---------------------------------------------------------------------------------

@contextmanager
def _server(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_credentials_follow_a_redirect_only_to_the_same_server() -> None:
    seen: list[tuple[str, str | None]] = []

    class Target(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("Authorization")))
            if self.path == "/here":
                self.send_response(302)
                self.send_header("Location", "/there")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with _server(Target) as target:
        class Redirector(Target):
            def do_GET(self) -> None:
                self.send_response(302)
                self.send_header("Location", f"{target}/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

        with _server(Redirector) as redirector:
            for url in (f"{redirector}/query", f"{target}/here"):
                request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"})
                with _OPENER.open(request, timeout=10):
                    pass
    # Another server (another port) gets no token; the same one keeps it.
    assert seen == [("/elsewhere", None), ("/here", f"Bearer {TOKEN}"),
                    ("/there", f"Bearer {TOKEN}")]


def test_a_server_that_echoes_the_request_gets_its_credentials_blanked() -> None:
    """A refusal page that shows the request's headers (a debugging proxy) or the password
    itself: the message says what was refused, with '***' where the secrets were."""
    class Echo(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = f"refused: {self.headers.get('Authorization')} user {SECRET}".encode()
            self.send_response(401)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with _server(Echo) as url:
        for env, secret in (({"AIKG_STORE": url.replace("://", f"://reader:{SECRET}@")}, SECRET),
                            ({"AIKG_STORE": url, "AIKG_STORE_TOKEN": TOKEN}, TOKEN)):
            with pytest.raises(StoreError) as caught:
                open_store(Settings.from_env(env))
            message = str(caught.value)
            assert "refused the request (401: refused: " in message
            assert "the credentials sent were refused" in message
            assert secret not in message, message
            assert "cmVhZGVy" not in message  # base64 of "reader:..."
