"""Counting queries: the one helper the tests use to show that a page or a read costs the same
number of queries however many rows it shows (no query per row).

- `capturing()`: a context manager recording the queries run inside it (`len()` of it, or its
  `captured_queries` for the SQL). It starts with no cached fragment in use
  (partnership/fragments.py), so it counts what rendering the page costs, not what a page kept
  from an earlier request costs.
- `queries_for(client, url, data=None)`: the queries one GET of a page costs, asserting that it
  answers 200 (a streamed response, such as a CSV export, is read to the end first).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnership import fragments


def capturing() -> CaptureQueriesContext:
    """Record the queries run inside the `with` block, every fragment rendered afresh."""
    if fragments.enabled():
        fragments.bump()
    return CaptureQueriesContext(connection)


def queries_for(client, url: str, data=None) -> int:
    """The number of queries one GET of `url` (with `data` as its query string) costs."""
    with capturing() as captured:
        response = client.get(url, data)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)
