"""What the hooks cost at scale, and what readers and writers wait for: `make bench`.

    make bench                      500 synthetic articles
    make bench ARTICLES=2000        2,000 (it takes a while)
    make bench ARTICLES="500 2000"  both, and how the cost per article grows
    make bench BENCH="--real-glossary --pairs 7"   any of the options below

The synthetic hub has two glossary terms, as the issue's first figures did;
with --real-glossary it has the hub's own glossary/, whose few dozen terms
are what the tooltips and the definition checks cost on the real site.

For each size, a synthetic hub (tests/synthetic_hub.py) is built in four
setups, each build a process of its own, interleaved round after round
(tests/build_cost.py): the full stack, the hooks without search (Pagefind),
no hooks, and MkDocs' plain theme. Each checks everything (HUB_CACHE_DIR=off);
a fifth build, the hooks without search again, uses the results the build
before it kept (filmhub.kept), with no page changed in between. Reported:

- the hooks' cost (full stack ÷ no hooks), and the same without search
  beside search's own, and with kept results; the full stack ÷ the plain
  theme (the floor): whole-process CPU ratios, the median and range of one
  ratio per round;
- CPU milliseconds per article, and its growth from 500 to 2,000;
- the peak memory of a build, with and without the hooks;
- the preview: save → the page `make serve` serves shows the edit
  (tests/preview_latency.py);
- what a reader downloads: an article's first load and one search, in
  Chromium (tests/page_weight.py);
- how the hooks' own code grows on inputs that were once quadratic
  (tests/pathological.py).

Everything is printed as a table and written to test-output/bench-N.json. A
measurement, not a test: it runs on demand, never in `make test`.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import build_cost
import pathological
import preview_latency
from build_cost import Cost, Spread
from page_weight import CHROMIUM_FLAGS, chromium, first_load_and_search, serving
from synthetic_hub import (
    ARTICLE_SOURCE,
    ARTICLE_URL,
    FULL_STACK,
    NO_HOOKS,
    PLAIN,
    SETUPS,
    WITHOUT_SEARCH,
    synthetic_site,
    write_config,
    write_setup,
)

from sitebuilder import HOOKS, REPO

__all__ = ["main", "synthetic_site", "write_config"]  # the browser tests build synthetic hubs too

OUTPUT = REPO / "test-output"
# A word every article has: the search that matches the most pages.
SEARCH_WORD = "transcript"
# Growth is reported between these two sizes, from their results files.
GROWTH_SIZES = {500: 2000, 2000: 500}
# The hooks without search again, with the results the last build kept
# (filmhub.kept), no page changed since: the most kept results can save.
KEPT = "kept results"
BUILDS = (*SETUPS, KEPT)
# numerator, denominator, what the ratio says
RATIOS = [
    (FULL_STACK, NO_HOOKS, "the hooks' cost: full stack ÷ no hooks"),
    (WITHOUT_SEARCH, NO_HOOKS, "hooks without search ÷ no hooks"),
    (KEPT, NO_HOOKS, "the same, every page's checks kept from the last build"),
    (FULL_STACK, WITHOUT_SEARCH, "search (Pagefind): full stack ÷ hooks without search"),
    (FULL_STACK, PLAIN, "full stack ÷ MkDocs' plain theme (the floor)"),
    (NO_HOOKS, PLAIN, "no hooks ÷ plain theme (Material and overrides/)"),
]


def measure(count: int, args: argparse.Namespace) -> dict:
    """Every figure for a hub of `count` articles."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as folder:
        root = Path(folder)
        synthetic_site(root, count, glossary=REPO / "glossary" if args.real_glossary else None)
        configs = {setup: write_setup(root, setup) for setup in SETUPS}
        configs[KEPT] = configs[WITHOUT_SEARCH]
        site = {setup: root / "built" / setup.replace(" ", "-") for setup in BUILDS}

        def builder(setup: str):
            # The hooks' own builds are strict, as `make build` is; the others warn
            # about links to pages only the hooks make. Only KEPT uses kept results.
            return lambda: build_cost.build(
                configs[setup],
                site[setup],
                strict=setup in (FULL_STACK, WITHOUT_SEARCH, KEPT),
                kept=root / "kept" if setup == KEPT else None,
            )

        builds = {setup: builder(setup) for setup in BUILDS}
        for setup in BUILDS:  # once untimed: caches warm, every setup builds, KEPT has results to use
            builds[setup]()
        costs = build_cost.interleaved(builds, args.pairs)
        results = {
            "articles": count,
            "rounds": args.pairs,
            "builds": {setup: _costs(costs[setup]) for setup in BUILDS},
            "ratios": {
                f"{top} / {bottom}": build_cost.ratio(costs, top, bottom).as_dict()
                for top, bottom, _ in RATIOS
            },
            "ms_per_article": round(_median_cpu(costs[FULL_STACK]) / count * 1000, 2),
            "ms_per_article_no_hooks": round(_median_cpu(costs[NO_HOOKS]) / count * 1000, 2),
            "reader": {} if args.no_browser else reader_bytes(site[FULL_STACK]),
        }
        if args.edits:
            write_config(root, HOOKS)  # `make serve` reads the folder's mkdocs.yml
            seconds = preview_latency.save_to_shown(
                root, args.preview, root / ARTICLE_SOURCE, ARTICLE_URL, args.edits
            )
            results["preview_seconds"] = Spread.of(seconds).as_dict(2)
    return results


def _costs(costs: list[Cost]) -> dict:
    return {
        "cpu_seconds": Spread.of([cost.cpu_seconds for cost in costs]).as_dict(2),
        "peak_mb": Spread.of([cost.peak_kb / 1024 for cost in costs]).as_dict(1),
        "wall_seconds": Spread.of([cost.wall_seconds for cost in costs]).as_dict(2),
    }


def _median_cpu(costs: list[Cost]) -> float:
    return Spread.of([cost.cpu_seconds for cost in costs]).median


def reader_bytes(site_dir: Path) -> dict[str, int]:
    """An article's first-load bytes and one search's, in Chromium; nothing if there is no Chromium."""
    executable = chromium()
    if executable is None:
        print("Chromium is not installed (sudo apt-get install chromium): the page weights were not measured")
        return {}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serving(site_dir) as address:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            return first_load_and_search(browser, address + ARTICLE_URL, SEARCH_WORD)
        finally:
            browser.close()


def growth(results: dict, other: dict) -> dict:
    """How the cost per article and the hooks' ratio changed from the smaller hub to the larger."""
    small, large = sorted((results, other), key=lambda r: r["articles"])
    return {
        "from": small["articles"],
        "to": large["articles"],
        "ms_per_article": round(large["ms_per_article"] / small["ms_per_article"], 3),
        "ms_per_article_no_hooks": round(
            large["ms_per_article_no_hooks"] / small["ms_per_article_no_hooks"], 3
        ),
        "hooks_ratio": round(_hooks_ratio(large) / _hooks_ratio(small), 3),
        "other_written": other.get("written"),
    }


def _hooks_ratio(results: dict) -> float:
    return results["ratios"][f"{FULL_STACK} / {NO_HOOKS}"]["median"]


def table(results: dict) -> str:
    """The results of one size, as the terminal shows them."""
    count, rounds, builds = results["articles"], results["rounds"], results["builds"]
    lines = [
        f"{count:,} synthetic articles, {results['glossary']} glossary — CPU time (user + system, children "
        f"included) of each build as a process, {rounds} interleaved rounds; median (min–max) of the "
        "per-round ratios",
    ]
    for top, bottom, label in RATIOS:
        ratio = results["ratios"][f"{top} / {bottom}"]
        lines.append(_row(label, f"{ratio['median']:.2f}×  ({ratio['min']:.2f}–{ratio['max']:.2f})"))
    median = {setup: builds[setup]["cpu_seconds"]["median"] for setup in builds}
    lines.append(_row("CPU seconds per build", " · ".join(f"{s} {median[s]:.1f}" for s in builds)))
    per_article = (
        f"full stack {results['ms_per_article']:.1f} · no hooks {results['ms_per_article_no_hooks']:.1f}"
    )
    lines.append(_row("CPU ms per article", per_article))
    if "growth" in results:
        grown = results["growth"]
        lines.append(
            _row(
                f"growth {grown['from']:,} → {grown['to']:,} articles",
                f"ms per article ×{grown['ms_per_article']:.2f} (no hooks ×{grown['ms_per_article_no_hooks']:.2f}), "
                f"the hooks' ratio ×{grown['hooks_ratio']:.2f}; the other size was measured {grown['other_written']}",
            )
        )
    peaks = " · ".join(f"{s} {builds[s]['peak_mb']['median']:.0f} MB" for s in SETUPS[:3])
    lines.append(_row("peak memory, a build's largest process", peaks))
    if "preview_seconds" in results:
        preview = results["preview_seconds"]
        lines.append(
            _row(
                "preview: save → the served page shows it",
                f"{preview['median']:.1f} s  ({preview['min']:.1f}–{preview['max']:.1f}, {len(preview['values'])} edits)",
            )
        )
    reader = results.get("reader")
    if reader:
        lines.append(_row("an article's first load (gzip as sent)", f"{reader['first_load_bytes']:,} bytes"))
        lines.append(
            _row(
                f"one search for '{SEARCH_WORD}'",
                f"{reader['search_bytes']:,} bytes, {reader['search_ms']:,} ms to show {reader['results_shown']} results",
            )
        )
    return "\n".join(lines)


def _row(label: str, value: str) -> str:
    return f"  {label:<54} {value}"


def pathological_figures(n: int) -> dict:
    rows = pathological.growth(n)
    return {
        "n": n,
        "cases": {
            name: {"ms": [round(s * 1000, 1) for s in times], "per_doubling": _doublings(times)}
            for name, times in rows
        },
    }


def _doublings(times: list[float]) -> list[float]:
    return [round(b / max(a, 1e-9), 2) for a, b in itertools.pairwise(times)]


def pathological_table(figures: dict) -> str:
    lines = [
        f"Pathological inputs: the hooks' CPU time at N={figures['n']:,}, 2N and 4N "
        "(×2 per doubling is linear, ×4 quadratic)"
    ]
    for name, case in figures["cases"].items():
        one, two, four = case["ms"]
        first, second = case["per_doubling"]
        lines.append(f"  {name:<17} {one:8.1f} ms {two:8.1f} ms {four:8.1f} ms   ×{first:.1f} ×{second:.1f}")
    return "\n".join(lines)


def _commit() -> str:
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout
    return run.stdout.strip() + ("+changes" if dirty.strip() else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[500], help="hub sizes (default 500)")
    parser.add_argument("--pairs", type=int, default=5, help="interleaved rounds of builds (default 5)")
    parser.add_argument("--edits", type=int, default=5, help="saves timed in the preview (0: none)")
    parser.add_argument(
        "--preview", type=shlex.split, default=None, help="what make serve passes to Python (PREVIEW)"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the page weights (Chromium)")
    parser.add_argument(
        "--real-glossary",
        action="store_true",
        help="the hub's own glossary/ (dozens of terms) instead of two: what tooltips and definitions cost",
    )
    parser.add_argument("--pathological-n", type=int, default=4000)
    args = parser.parse_args(argv)
    args.preview = args.preview or preview_latency.preview_arguments()
    OUTPUT.mkdir(exist_ok=True)
    figures = pathological_figures(args.pathological_n)
    suffix = "-real-glossary" if args.real_glossary else ""
    for count in args.articles:
        results = measure(count, args)
        results |= {
            "glossary": "the hub's own" if args.real_glossary else "a two-term",
            "written": datetime.datetime.now().isoformat(timespec="seconds"),
            "commit": _commit(),
            "cpus": os.cpu_count(),
            "pathological": figures,
        }
        other = OUTPUT / f"bench-{GROWTH_SIZES.get(count)}{suffix}.json"
        if other.exists() and "ms_per_article_no_hooks" in (earlier := json.loads(other.read_text())):
            results["growth"] = growth(results, earlier)
        path = OUTPUT / f"bench-{count}{suffix}.json"
        path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        print(table(results))
        print(f"  written to {path.relative_to(REPO)}\n")
    print(pathological_table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
