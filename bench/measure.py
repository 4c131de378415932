"""Run one measurement in a fresh interpreter, so its peak memory is its own.

``ru_maxrss`` is a high-water mark for the life of a process: measured in the process that
runs every system, each figure would include the ones before it. Each measurement therefore
runs as ``python -m bench.measure module:function ARGS_JSON OUT_JSON``; the function does
its own timing (so untimed preparation stays out of the seconds) and returns :class:`Timed`,
and this module adds the child's peak resident memory (``VmHWM`` on Linux, ``ru_maxrss``
elsewhere) and, for a process pool, its workers' (``RUSAGE_CHILDREN``).
"""

from __future__ import annotations

import importlib
import json
import resource
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Timed:
    """What a measured function returns."""

    docs: int
    seconds: float
    # Worker processes it ran (their peak is read from RUSAGE_CHILDREN); 0 when in-process.
    workers: int = 0
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Measurement:
    docs: int
    seconds: float
    peak_mb: float
    baseline_mb: float
    workers: int
    details: dict[str, Any]


def isolated(target: str, **kwargs: Any) -> Measurement:
    """Call ``target`` ("module:function") with ``kwargs`` in a fresh interpreter."""
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, "-m", "bench.measure", target, json.dumps(kwargs), str(out)]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.exists():
            raise SystemExit(
                f"bench: measurement {target} failed (exit {done.returncode}):\n{done.stderr}"
            )
        result = json.loads(out.read_text(encoding="utf-8"))
    return Measurement(**result)


def _peak_mb(who: int) -> float:
    kilobytes = resource.getrusage(who).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return kilobytes / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _own_peak_mb() -> float:
    """This process's peak resident set.

    Linux carries ``ru_maxrss`` across exec, so a child started by a large parent would
    report the parent's peak; ``VmHWM`` belongs to the process's own memory map.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _peak_mb(resource.RUSAGE_SELF)


def _child_main(target: str, arguments: str, out: str) -> None:
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    baseline = _own_peak_mb()
    timed: Timed = function(**json.loads(arguments))
    # An upper bound for a process pool: the main process plus every worker at the largest
    # worker's peak. Forked workers share pages with their parent, so the true sum is lower.
    peak = _own_peak_mb() + timed.workers * _peak_mb(resource.RUSAGE_CHILDREN)
    measurement = Measurement(
        docs=timed.docs,
        seconds=timed.seconds,
        peak_mb=peak,
        baseline_mb=baseline,
        workers=timed.workers,
        details=timed.details,
    )
    Path(out).write_text(json.dumps(asdict(measurement)), encoding="utf-8")


if __name__ == "__main__":
    _child_main(*sys.argv[1:4])


def tree_at(revision: str, folder: Path) -> Path:
    """Storyline's ``src`` at a git ``revision``, extracted under ``folder`` (``git archive``),
    for a benchmark that runs another revision beside this tree."""
    from bench.report import REPO

    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", revision, "src"], cwd=REPO, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def run_tree(code: str, src: Path, *arguments: str, what: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter with ``src`` first on the path; the JSON object
    its last line of output prints. ``what`` names the benchmark in an error."""
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench {what}: the code from {src} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
