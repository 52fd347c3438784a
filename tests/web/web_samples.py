"""Data the browser tests put in the store besides seeds/, and the guard every tab wears."""

from __future__ import annotations

from typing import Any

#: An article whose evidence comes after characters outside the BMP (two UTF-16 units each in
#: JavaScript, one code point in the API's offsets); it names no entity, so it adds no facts.
EMOJI_TITLE = "Robots on show"
EMOJI_TEXT = (f"{EMOJI_TITLE}\n\nThe robots 🤖 and the rockets 🚀 were on show all week 🎉. "
              "The fair closed on Sunday after three days. Visitors came from far away.\n")
EMOJI_EVIDENCE = "The fair closed on Sunday after three days."


def guard(tab: Any, server_url: str, *, tolerated: str | None = None) -> list[str]:
    """Let `tab` reach nothing but the server (the explorer must work offline) and collect
    every request elsewhere, page error and console error into the returned list, which the
    caller asserts empty. `tolerated`: a console message part that is expected (e.g. a 400
    the test provokes)."""
    errors: list[str] = []

    def only_the_server(route: Any) -> None:
        if route.request.url.startswith((server_url, "data:")):
            route.continue_()
        else:
            errors.append(f"request outside the server: {route.request.url}")
            route.abort()

    tab.route("**/*", only_the_server)
    tab.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    tab.on("console", lambda message: errors.append(f"console: {message.text}")
           if message.type == "error" and (tolerated is None or tolerated not in message.text)
           else None)
    tab.set_default_timeout(60_000)  # a ceiling, not a target: a busy machine is slow
    return errors
