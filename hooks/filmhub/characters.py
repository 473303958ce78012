"""Which characters a writer's text may hold, where its lines break, and how
any text is shown safely in a log.

Lines break the way editors and git break them: at `\\n`, `\\r\\n` and a lone
`\\r`, never at a form feed or U+2028 (which `str.splitlines` also counts),
so every check reports the line a writer sees.

Some characters cannot be published: XML (the feed, the sitemap, SVG) has
no way to write C0 controls other than tab and the line breaks, U+FFFE and
U+FFFF, or a lone surrogate (which a YAML escape such as "\\ud800" can make),
and Python-Markdown uses STX and ETX as its own placeholders. They are
refused where a writer typed them, before anything is written.

Nothing a writer types may start a line of the build's log (GitHub reads
`::error …` at the start of a line as a command), so every message shows
control characters, line and paragraph separators and bidirectional
controls as escapes.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
# Where str.splitlines also breaks a line, and git does not.
_NOT_A_LINE_BREAK = re.compile("[\v\f\x1c-\x1e\x85\u2028\u2029]")
# C0 controls but tab, line feed, carriage return and form feed; the two
# noncharacters XML forbids; surrogates, which only an escape can produce.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# In a single-line value (a title, a tag) a form feed or a line separator
# is as unwritable as a control: it breaks the line in YAML and in feeds.
_UNWRITABLE_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_MARKUP = re.compile(r"[<>]")


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """Lines as git counts them; a form feed or U+2028 stays inside its line."""
    if not _NOT_A_LINE_BREAK.search(text):
        return text.splitlines(keepends)  # the same lines, found in C
    lines, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(text[start : match.end() if keepends else match.start()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def line_starts(text: str) -> list[int]:
    """The offset at which each line starts, for bisect."""
    starts = list(itertools.accumulate(map(len, split_lines(text, keepends=True)), initial=0))
    if text and text[-1] not in "\r\n":
        starts.pop()  # the end of a last line that no break ends starts no line
    return starts


def describe(char: str) -> str:
    """'U+0007 (a control character)' for a message."""
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"{code} (half of a surrogate pair, made by an escape)"
    if char in "\ufffe\uffff":
        return f"{code} (a noncharacter)"
    if char in "\u2028\u2029\x85":
        return f"{code} (an invisible line separator)"
    return f"{code} (an invisible control character)"


def first_unwritable(text: str, in_value: bool = False) -> int | None:
    """The offset of the first character that cannot be published, if any."""
    match = (_UNWRITABLE_IN_VALUE if in_value else _UNWRITABLE).search(text)
    return match.start() if match else None


def replace_unwritable(text: str) -> str:
    return _UNWRITABLE.sub("\ufffd", text)


def has_markup(text: str) -> bool:
    """Whether plain text holds '<' or '>', which some theme templates print raw."""
    return _MARKUP.search(text) is not None


def for_log(text: str) -> str:
    """`text` with every control, separator and bidi character escaped, so it
    stays on one line and cannot forge a workflow command or reorder itself."""
    return "".join(_escape(char) if _unsafe(char) else char for char in text)


def _unsafe(char: str) -> bool:
    if char == " ":
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs") or char in "\ufffe\uffff"


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
