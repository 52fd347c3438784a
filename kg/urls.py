"""URLs as article identities: normalised, stripped of tracking, and the canonical one chosen.

An article fetched from the web is identified by its canonical URL (kg.read gives it as the
article's id and url), so the same story reached through a feed, a redirect or a link with
tracking parameters is one article.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that say where a click came from, not which page it is.
TRACKING_PARAMETERS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|cmpid|ocid|"
    r"_ga|_gl|ito|smid|sh)$", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web_url(text: str) -> bool:
    """Whether a command-line argument is an http(s) URL rather than a path."""
    return re.match(r"https?://", text, re.IGNORECASE) is not None


def normalize_url(url: str) -> str:
    """The URL with its scheme and host lower-case, without a default port, a fragment or
    tracking parameters; ValueError if it is not an absolute http(s) URL with a host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL with a host")
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    port = parts.port  # ValueError for a port that is not a number in range
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode([(key, value) for key, value in parse_qsl(parts.query,
                                                                 keep_blank_values=True)
                       if not TRACKING_PARAMETERS.match(key)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def canonical_url(fetched: str, declared: str | None) -> str:
    """The page's identity: the canonical URL it declares (<link rel="canonical">, og:url)
    when that is on the same site as the URL it was fetched from, else the fetched URL.

    A page may not claim another site's URL: that would let it replace that site's article.
    """
    url = normalize_url(fetched)
    if not declared:
        return url
    try:
        claimed = normalize_url(declared)
    except ValueError:
        return url
    return claimed if _site(claimed) == _site(url) else url


def _site(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
