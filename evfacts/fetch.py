"""`http(s)://` arguments: the page fetched with trafilatura's downloader, then read like a file.

One request per URL with a timeout and a size cap (`--max-bytes`); redirects and a transient
5xx are retried at most twice by the downloader, never more. The URL is the user's own argument,
so addresses on the local network (an intranet archive) are allowed; certificates are checked and
a failed check is an error, not a silent insecure retry.
"""
from __future__ import annotations

import re

from evfacts.ingest import IngestError

URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)
#: seconds for the connection and for each read of a download
FETCH_TIMEOUT = 20
MAX_REDIRECTS = 2


def is_url(arg: str) -> bool:
    return bool(URL.match(arg))


def _config(max_bytes: int, timeout: int):
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(timeout))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes + 1))
    config.set("DEFAULT", "MAX_REDIRECTS", str(MAX_REDIRECTS))
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    config.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")
    return config


def fetch(url: str, *, max_bytes: int, timeout: int = FETCH_TIMEOUT) -> tuple[bytes, str]:
    """(the page's bytes, the final URL after redirects); IngestError with the reason on failure."""
    from trafilatura.downloads import fetch_response

    from evfacts.ingest import _quiet_extractor_logs

    _quiet_extractor_logs()
    try:
        response = fetch_response(url, decode=False, config=_config(max_bytes, timeout))
    except Exception as e:  # noqa: BLE001 - a malformed URL or a downloader failure: one line, the batch goes on
        raise IngestError(f"cannot fetch it: {type(e).__name__}: {e}") from None
    if response is None:
        # the downloader says no more: a refused connection, no answer in time, a certificate, an HTTP
        # error after its retries, or a body over its size cap (it stops reading there)
        raise IngestError(f"cannot fetch it (a refused connection, no answer within {timeout} s, a certificate "
                          f"or HTTP error, or larger than --max-bytes {max_bytes:,})")
    if response.status and not 200 <= response.status < 300:
        raise IngestError(f"cannot fetch it: HTTP {response.status}")
    data = response.data or b""
    if len(data) > max_bytes:
        raise IngestError(f"larger than --max-bytes ({max_bytes:,} bytes); skipped")
    if not data:
        raise IngestError("cannot fetch it: an empty answer")
    return data, response.url or url
