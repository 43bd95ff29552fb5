"""Run one command and measure it: wall time and peak memory of its whole process tree.

`python -m benchmarks.measure --out result.json -- CMD ...` runs CMD as a child, samples the resident
memory of the child and every descendant (spaCy's worker processes included) from /proc every 0.2 s,
and writes JSON with the wall time, the peak of the tree's summed RSS, and `ru_maxrss` of the waited-for
descendants (the largest single process). Running every measured command in its own wrapper keeps
`getrusage(RUSAGE_CHILDREN)` per command instead of accumulated over a whole benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.2
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measurement:
    returncode: int
    wall_seconds: float
    peak_tree_rss_bytes: int       # max over samples of the summed RSS of the process tree
    max_rss_bytes: int             # ru_maxrss of the largest single process of the tree
    cpu_seconds: float             # user + system time of the tree: less sensitive to a busy machine
    samples: int


def _parent_map() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields start after the last ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def process_tree(root: int) -> list[int]:
    """The root and all its descendants that are alive now."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parent_map().items():
        children.setdefault(parent, []).append(pid)
    tree, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        tree.append(pid)
        frontier.extend(children.get(pid, []))
    return tree


def tree_rss_bytes(root: int) -> int:
    total = 0
    for pid in process_tree(root):
        try:
            resident_pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += resident_pages * PAGE_BYTES
    return total


def measure(command: list[str], *, env: dict[str, str] | None = None, cwd: str | Path | None = None,
            stdout=None, stderr=None) -> Measurement:
    """Run the command to completion; call this in a fresh process for a per-command ru_maxrss."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=cwd, stdout=stdout, stderr=stderr)
    peak = 0
    samples = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, samples
        while not done.is_set():
            peak = max(peak, tree_rss_bytes(child.pid))
            samples += 1
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    returncode = child.wait()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    max_rss_bytes = usage.ru_maxrss * 1024  # KiB on Linux
    return Measurement(returncode, wall, max(peak, max_rss_bytes), max_rss_bytes,
                       usage.ru_utime + usage.ru_stime, samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="JSON file for the measurement")
    parser.add_argument("--log", type=Path, help="file for the command's stdout and stderr")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD ARGS...")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    if args.log:
        with open(args.log, "wb") as log:
            result = measure(command, stdout=log, stderr=subprocess.STDOUT)
    else:
        result = measure(command)
    args.out.write_text(json.dumps(asdict(result)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
