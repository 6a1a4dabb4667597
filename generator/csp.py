"""The Content-Security-Policy every page carries, as a <meta> tag (GitHub Pages cannot set
headers). Scripts run only from the site itself, plus the few inline scripts the theme
writes into each page, allowed by their SHA-256 hashes: those differ from page to page (they
hold the page's relative path), so each page's policy is computed from the page itself."""
from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>",
                            re.DOTALL | re.IGNORECASE)
_NOT_RUN = re.compile(r"""\b(src=|type=["']?application/(ld\+)?json)""", re.IGNORECASE)
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; media-src 'self'; "
          "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")


def policy_for(html: str) -> str:
    """The policy that lets exactly this page's inline scripts run, and no others."""
    hashes = sorted({_hash(m.group("body")) for m in _INLINE_SCRIPT.finditer(html)
                     if not _NOT_RUN.search(m.group("attrs"))})
    return POLICY.format(hashes="".join(f" '{h}'" for h in hashes))


def with_policy(html: str) -> str:
    """The page with its policy just after <meta charset> (which must come first), before
    any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    anchor = re.compile(r"<meta charset=[^>]*>" if "<meta charset=" in html else r"<head(\s[^>]*)?>")
    return anchor.sub(lambda m: m.group(0) + meta, html, count=1)


def _hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
