"""CONTRIBUTING.md's error table and the messages the build and the tools give, matched both ways.

Every message a writer can meet has a row, and every row is a message the
code still gives: tests/every_message.py produces them all, from a site that
breaks every rule (tests/mistakes.py), `make check` on it, and the rule
functions and tools for what one site can't show. A row documents a message
only if it matches the whole message, so a row that has gone stale at its
end is caught too.
"""

from __future__ import annotations

import pytest
from errortable import documented, rows
from every_message import every_message


@pytest.fixture(scope="module")
def messages(tmp_path_factory, mistakes) -> list[str]:
    return every_message(tmp_path_factory.mktemp("messages"), mistakes)


def test_every_message_the_build_and_the_tools_give_has_a_row(messages):
    missing = [m for m in messages if not documented(m)]
    assert missing == [], "add a row for each of these to CONTRIBUTING.md's error table"


def test_every_row_is_a_message_the_build_or_a_tool_still_gives(messages):
    unused = [row for row, pattern in rows() if not any(documented(m, pattern) for m in messages)]
    assert unused == [], "remove these rows from CONTRIBUTING.md's error table, or make a test give them"


def test_a_row_documents_a_whole_message_and_nothing_longer():
    row = "broken link '…': docs/… does not exist"
    (pattern,) = [pattern for written, pattern in rows() if written == row]
    assert documented("docs/a.md:3:5: broken link 'x.md': docs/x.md does not exist", pattern)
    assert documented("broken link 'x.md': docs/x.md does not exist (did you mean 'y.md'?)", pattern)
    assert not documented("broken link 'x.md': docs/x.md does not exist — and more", pattern)
    assert not documented("the build said: broken link 'x.md': docs/x.md does not exist", pattern)
    assert not documented("a message no row describes")
