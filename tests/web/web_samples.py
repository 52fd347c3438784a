"""Data the browser tests put in the store besides seeds/."""

from __future__ import annotations

#: An article whose evidence comes after characters outside the BMP (two UTF-16 units each in
#: JavaScript, one code point in the API's offsets); it names no entity, so it adds no facts.
EMOJI_TITLE = "Robots on show"
EMOJI_TEXT = (f"{EMOJI_TITLE}\n\nThe robots 🤖 and the rockets 🚀 were on show all week 🎉. "
              "The fair closed on Sunday after three days. Visitors came from far away.\n")
EMOJI_EVIDENCE = "The fair closed on Sunday after three days."
