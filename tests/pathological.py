"""How the hooks' own code grows on hostile inputs: `make bench` (or run this file).

Each input below once cost the hooks quadratic time (a 340 KB page of the
first kind took about eight minutes). For each, the code that reads it runs
at sizes N, 2N and 4N, and the CPU time of each doubling is printed: about
2x means linear, about 4x quadratic. A measurement, not a test.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import markdown

from filmhub import html_policy
from filmhub.glossary import Glossary, Term
from filmhub.link_collector import LinkCollector
from filmhub.positions import locate
from filmhub.textscan import Body
from filmhub.tooltips import TermTooltips


def _body_scans(text: str) -> None:
    body = Body(text)
    _ = body.sentences, body.words


def reference_links(n: int) -> Callable[[], object]:
    """Many uses of one reference link whose address also appears in prose."""
    url = "https://example.org/a"
    text = f"[r]: {url}\n\n" + f"See [this][r], or read {url} here.\n" * n
    return lambda: locate(text, [url] * n)


def comment_openers(n: int) -> Callable[[], object]:
    """`<!--` repeated on one line, never closed there."""
    return lambda: _body_scans("Text <!--" * n + "\n")


def link_openers(n: int) -> Callable[[], object]:
    """`](` repeated on one line with no closing bracket."""
    return lambda: _body_scans("[a](" * n + "\n")


def backticks(n: int) -> Callable[[], object]:
    """Code-span openers of many lengths, few of them closed."""
    return lambda: _body_scans("".join("`" * (i % 7 + 1) + "x " for i in range(n)) + "\n")


def short_lines(n: int) -> Callable[[], object]:
    """One paragraph of many short lines (sentence positions)."""
    return lambda: _body_scans("A word. Another.\n" * n)


def many_paragraphs(n: int) -> Callable[[], object]:
    """A long page of paragraphs and headings through the tooltip processor."""
    glossary = Glossary({"drift": Term("drift", "drift", "Short.", "Long.", "glossary/drift.yml")})
    text = "".join(f"## Heading {i}\n\nParagraph {i} about drift and more drift.\n\n" for i in range(n))

    def render() -> None:
        tooltips = TermTooltips(
            glossary, lambda slug, href, text: f'<a href="{href}">{text}</a>', active=True
        )
        md = markdown.Markdown(extensions=["toc", tooltips, LinkCollector()])
        md.convert(text)

    return render


def unsafe_markup(n: int) -> Callable[[], object]:
    """A page of handlers: the allow-list stops after its first findings."""
    html = '<p onclick="x">a</p>' * n
    return lambda: html_policy.check(html)


CASES = [
    reference_links,
    comment_openers,
    link_openers,
    backticks,
    short_lines,
    many_paragraphs,
    unsafe_markup,
]


def _cpu(run: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def growth(n: int = 4000) -> list[tuple[str, list[float]]]:
    """(case, [seconds at N, 2N, 4N]) for every case."""
    return [(case.__name__, [_cpu(case(size)) for size in (n, 2 * n, 4 * n)]) for case in CASES]


def report(n: int = 4000) -> str:
    lines = [f"Pathological inputs, CPU time at N={n:,}, 2N and 4N (about 2x per doubling is linear):"]
    for name, (one, two, four) in growth(n):
        lines.append(
            f"  {name:<17} {one * 1000:8.1f} ms {two * 1000:8.1f} ms {four * 1000:8.1f} ms"
            f"   x{two / max(one, 1e-9):.1f} x{four / max(two, 1e-9):.1f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(int(sys.argv[1]) if len(sys.argv) > 1 else 4000))
