"""What a build costs, measured from outside: CPU time and peak memory of its process.

Each build runs as `python -m mkdocs build` (or the generator HUB_GENERATOR
names) in a process of its own, and its cost is what the kernel reports
when it ends (os.wait4, in a small launcher process): user plus system CPU
time of the build and of every process it waited for (Pagefind's binary),
and the peak resident memory of the largest of them.

Builds of different setups are interleaved, round after round (in the
opposite order every other round), and each ratio is taken within one round,
so a machine that gets busier or quieter slows both sides of a ratio alike.
`make bench` reports the median of those ratios and their range.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from filmhub import generator
from sitebuilder import REPO


@dataclass(frozen=True)
class Cost:
    cpu_seconds: float  # user + system, the build's process and the processes it waited for
    peak_kb: int  # the largest of those processes' peak resident memory
    wall_seconds: float


@dataclass(frozen=True)
class Spread:
    """The median of some measurements, and their range."""

    median: float
    low: float
    high: float
    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values), tuple(values))

    def as_dict(self, digits: int = 3) -> dict:
        return {
            "median": round(self.median, digits),
            "min": round(self.low, digits),
            "max": round(self.high, digits),
            "values": [round(value, digits) for value in self.values],
        }


class BuildFailed(RuntimeError):
    pass


def environment() -> dict[str, str]:
    """What `make` gives the commands it runs: the hooks' package on the path, no MkDocs 2 notice."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks")}


# Starts the build and reports its resource usage. A process begun by this
# one would inherit this one's peak memory (Linux keeps the peak across fork
# and exec), and the benchmark's process is larger than a small build: a
# fresh small launcher is not.
_LAUNCHER = """
import json, os, sys
log = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
actions = [(os.POSIX_SPAWN_DUP2, log, 1), (os.POSIX_SPAWN_DUP2, log, 2)]
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ, file_actions=actions)
_, status, usage = os.wait4(pid, 0)
json.dump([usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)], sys.stdout)
"""


def build(config: Path, site_dir: Path, *, strict: bool, kept: Path | None = None) -> Cost:
    """Build the site of `config` into `site_dir` in a new process; what it cost.

    The build checks everything, unless `kept` names a folder of results kept
    by earlier builds (filmhub.kept) for it to use and keep.
    """
    command = [
        sys.executable,
        "-m",
        generator.selected(),
        "build",
        "-q",
        "-f",
        str(config),
        "-d",
        str(site_dir),
    ]
    if strict:
        command.append("--strict")
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder, "build.log")
        start = time.perf_counter()
        launched = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(log), *command],
            cwd=config.parent,
            env=environment() | {"HUB_CACHE_DIR": str(kept) if kept else "off"},
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - start
        cpu_seconds, peak_kb, exit_code = json.loads(launched.stdout)
        if exit_code:
            said = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise BuildFailed(f"{' '.join(command)} exited with {exit_code}:\n{said}")
    return Cost(cpu_seconds, peak_kb, wall)


def interleaved(builds: dict[str, Callable[[], Cost]], rounds: int) -> dict[str, list[Cost]]:
    """Every build once per round, the order reversed every other round; each one's costs."""
    names = list(builds)
    costs: dict[str, list[Cost]] = {name: [] for name in names}
    for number in range(rounds):
        for name in names if number % 2 == 0 else reversed(names):
            costs[name].append(builds[name]())
    return costs


def ratio(costs: dict[str, list[Cost]], numerator: str, denominator: str) -> Spread:
    """numerator's CPU time ÷ denominator's, round by round."""
    return Spread.of(
        [
            top.cpu_seconds / bottom.cpu_seconds
            for top, bottom in zip(costs[numerator], costs[denominator], strict=True)
        ]
    )
