"""Benchmark runner: ``python -m bench [--suite standard|large] [--products N] [--runs R] ...``.

It generates a catalog (:mod:`bench.generate`), then times the rows of a *suite* in the same run,
round-robin (a, b, c, a, b, c, ...) after one untimed warm-up of each row, so that drift of the machine
(page cache, CPU frequency, neighbours) hits every row alike, and the ratios between rows stay fair.

Rows (entries of :data:`COMMANDS`; ROOT is the generated catalog):

``a``          ``svcmap validate ROOT --format json --no-cache`` — the product, cold: every file parsed and
               checked by all rules;
``b``          ``check-jsonschema`` with the project's three schemas — the peer (three invocations, times
               summed; it only checks the schemas);
``c``          one Python process composing every YAML file with PyYAML's ``CSafeLoader`` (libyaml) — the
               floor: what parsing alone costs one process (svcmap, on two cores, may come near 1.0);
``a-warm``     ``svcmap validate ROOT --format json`` answered from ROOT/.svcmap-cache, which the
               row's warm-up filled;
``analyze``    ``svcmap analyze ROOT --format json --no-cache``;
``diff``       ``svcmap diff --root ROOT ROOT MUTATED --format json --no-cache`` against a mutated copy;
``diff-warm``  the same with both sides cached;
``fmt``        ``svcmap fmt --check ROOT`` (exit 1, "a file would change", is a result, not a failure);
``render``     ``svcmap render --all --format svg`` (minutes at N=2000): only when named in ``--only``.
``report``     ``svcmap report ROOT --out DIR --no-cache`` into an emptied DIR: every diagram drawn, every
               page written (minutes at N=2000); only when named in ``--only``, with ``report-warm``;
``report-warm`` the same report with the cache its warm-up filled (diagrams, the candidate ranking) and
               DIR as the last report left it.

Suites (entries of :data:`SUITES`) say which rows run, at which size, and the targets checked:

``standard`` (``make bench``): N=2,000 products (4,001 files), 5 runs, rows a b c a-warm analyze diff
    diff-warm fmt.  Targets: a/c <= 1.3; a-warm/a <= 0.15; peak RSS of a <= 100 MB; analyze/a <= 1.1;
    diff/a <= 1.5; fmt/a <= 2; report-warm/report <= 0.2 (``--only report,report-warm``); a/b and
    diff-warm/a-warm shown without a target.
``large`` (``make bench-large``): N=100,000 products (200,001 files), 3 runs, rows a a-warm c.
    Targets: a/c <= 1.3; a-warm <= 1.5 s (absolute); peak RSS of a <= 600 MB; every row's peak RSS is
    shown.  Its catalog is kept in ``$TMPDIR/svcmap-bench`` so it is generated once (about two minutes,
    under 50 MB; 200 MB of YAML, about 800 MB on disk), not on every run.

A target is a ratio of two rows' median wall times, a row's median wall time in seconds, or a row's
peak RSS in MB (:class:`Target`).  For each row the runner reports the median wall time
(``time.perf_counter`` around each child) and the peak memory (max RSS of the child, from ``os.wait4``;
the largest of a row's invocations).  On Linux a child's max RSS includes the high-water mark of the
process it was forked from, so the runner keeps itself small (it generates catalogs in a child, does not
import the generator and never holds a child's whole output) and prints its own peak RSS: a row's figure
never reads below it.

A kept catalog (``--workdir``) is reused while the generator is unchanged: beside each catalog folder
a stamp file holds a hash of ``bench/generate.py``; another hash (or ``--regenerate``) makes it anew.
svcmap keys its cache by its own code, so the runner hashes the svcmap package the children import
before and after measuring, and warns when it changed (a checkout being edited during the run).

To add a row, append a :class:`CommandSpec` whose ``build`` returns the invocations, and name it in a
suite's ``rows`` and ``targets``.  Exit codes: 0 done (even if a target is missed, unless ``--check``),
1 a target missed with ``--check``, 2 a command failed (exit code not in the row's ``ok_codes``) or bad
usage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

REPO_ROOT = Path(__file__).resolve().parents[1]
"""The repository root, holding bench/ and svcmap/: the generator runs there as ``python -m bench.generate``."""

GENERATOR = Path(__file__).resolve().with_name("generate.py")


# ---------------------------------------------------------------------------------------------------
# The context every row's command is built from
# ---------------------------------------------------------------------------------------------------


class BenchError(Exception):
    """A problem that stops the benchmark (reported on stderr, exit 2)."""


@dataclass
class Context:
    """The generated catalog and the tools, resolved lazily so that a row only needs what it uses."""

    root: Path
    workdir: Path
    products: int
    seed: int
    schemas_override: Path | None = None
    progress: Callable[[str], None] = lambda message: None
    _mutated: Path | None = field(default=None, repr=False)

    @property
    def bindir(self) -> Path:
        return Path(sys.executable).parent  # not resolved: a venv's python is a symlink

    def tool(self, name: str) -> str:
        """A console script of the running venv (``bin/`` next to ``sys.executable``), else from PATH."""
        for candidate in (self.bindir / name, self.bindir / f"{name}.exe"):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
        found = shutil.which(name)
        if found is None:
            raise BenchError(
                f"console script {name!r} found neither in {self.bindir} nor on PATH "
                f"(install it into this venv, or leave its row out with --only)"
            )
        return found

    @property
    def schemas(self) -> Path:
        """The folder holding the project's JSON Schemas (``--schemas`` or found via the package)."""
        if self.schemas_override is not None:
            candidates = [self.schemas_override]
        else:
            import svcmap

            pkg_dirs = [Path(p) for p in getattr(svcmap, "__path__", [])]  # also a namespace package
            if getattr(svcmap, "__file__", None):
                pkg_dirs.insert(0, Path(svcmap.__file__).parent)  # type: ignore[arg-type]
            candidates = [d / "schemas" for d in pkg_dirs] + [d.parent / "schemas" for d in pkg_dirs]
        for cand in candidates:
            if all((cand / f"{k}.schema.json").is_file() for k in ("organisation", "product", "process")):
                return cand
        raise BenchError(
            "no schemas/{organisation,product,process}.schema.json found in "
            + ", ".join(str(c) for c in candidates)
            + " (pass --schemas DIR, or leave row b out with --only)"
        )

    def files(self, kind: str) -> list[str]:
        """Catalog files relative to ROOT, sorted: kind is organisation, products or processes."""
        if kind == "organisation":
            return ["catalog/organisation.yaml"]
        folder = {"products": "catalog/products", "processes": "processes"}[kind]
        return [f"{folder}/{p.name}" for p in sorted((self.root / folder).glob("*.yaml"))]

    @property
    def mutated(self) -> Path:
        """A mutated copy of the catalog (made on first use, kept like the catalog), for ``svcmap diff`` rows."""
        if self._mutated is None:
            target = self.workdir / f"mutated-n{self.products}-s{self.seed}"
            self._mutated = prepare(
                target,
                generator_stamp(),
                lambda d: _generate(d, ("--mutate-from", str(self.root), "--seed", str(self.seed + 1)), self.progress),
            )
        return self._mutated


# ---------------------------------------------------------------------------------------------------
# Generated catalogs, kept between runs while the generator is unchanged
# ---------------------------------------------------------------------------------------------------


def generator_stamp() -> str:
    """A hash of the generator's source: a kept catalog made by another version is made anew."""
    return hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16]


def _stamp_file(folder: Path) -> Path:
    # beside the folder, not in it: svcmap reads ROOT, and the stamp is no part of the catalog
    return folder.with_name(f"{folder.name}.stamp")


def prepare(folder: Path, stamp: str, make: Callable[[Path], None], regenerate: bool = False) -> Path:
    """Return ``folder``, first made by ``make`` unless it is complete and carries ``stamp``.

    The folder is built under a temporary name and renamed, and its stamp written after the rename,
    so an interrupted run leaves either nothing or a folder without a stamp, which the next run remakes.
    """
    stamp_file = _stamp_file(folder)
    current = stamp_file.read_text(encoding="utf-8").strip() if stamp_file.is_file() else None
    if not regenerate and current == stamp and folder.is_dir():
        return folder
    stamp_file.unlink(missing_ok=True)
    tmp = folder.with_name(f".{folder.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    make(tmp)
    if folder.exists():
        shutil.rmtree(folder)
    tmp.rename(folder)
    stamp_file.write_text(stamp + "\n", encoding="utf-8")
    return folder


def _generate(out: Path, args: Sequence[str], progress: Callable[[str], None]) -> None:
    """Run ``python -m bench.generate OUT ARGS`` in a child (the runner's own RSS stays small)."""
    inv = Invocation(
        (sys.executable, "-m", "bench.generate", str(out), *args),
        f"python -m bench.generate {out.name} {' '.join(args)}",
        REPO_ROOT,
    )
    progress(f"generating: {inv.display}")
    run = run_once(inv, frozenset({0}))
    progress(f"generated in {run.elapsed:.1f} s, peak RSS {run.rss_mb:.0f} MB")


def svcmap_package(cwd: Path) -> Path | None:
    """The folder of the svcmap package that the rows' children import, asked of a child run like them
    (same interpreter, environment and a catalog as working folder), since a PYTHONPATH may point
    elsewhere than this checkout.  None when svcmap cannot be found."""
    code = "import importlib.util as u; s = u.find_spec('svcmap'); print(s.origin if s and s.origin else '')"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )
    origin = proc.stdout.strip()
    return Path(origin).parent if proc.returncode == 0 and origin else None


def code_digest(package: Path) -> str:
    """A hash of a package's Python files: svcmap keys its cache by its own code, so an edit made to a
    development checkout during a run turns every warm row cold and mixes versions between rows."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        try:
            content = path.read_bytes()
        except OSError:  # removed while we looked: that is a change too
            content = b"\0missing"
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


def _runner_rss_mb() -> float:
    return _maxrss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# ---------------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invocation:
    """One child process: its argv, a short display form (globs instead of file lists), its cwd."""

    argv: tuple[str, ...]
    display: str
    cwd: Path


@dataclass(frozen=True)
class CommandSpec:
    """A row of the benchmark.

    ``label`` names the row in the report, ``what`` says in ``--help`` what it runs.
    ``build`` returns the row's invocations (time: their sum; memory: their max).  ``ok_codes`` are the
    exit codes that are results, not failures (validate's 1 means "findings").  ``inspect`` turns what
    the warm-up's last invocation wrote on stdout (its head, tail and size) into a one-line note.
    """

    key: str
    label: str
    build: Callable[[Context], list[Invocation]]
    what: str = ""
    ok_codes: frozenset[int] = frozenset({0, 1})
    inspect: Callable[[ChildRun], str] | None = None


def _svcmap(ctx: Context, *args: str, display: str) -> list[Invocation]:
    return [Invocation((ctx.tool("svcmap"), *args), f"svcmap {display}", ctx.root)]


_SUMMARY_RE = re.compile(rb'"summary"\s*:\s*(\{[^{}]*\})')


def _validate_note(run: ChildRun) -> str:
    """validate's summary, read from the head of its JSON (the runner never loads all of a child's stdout:
    its own RSS would count in every later child's max RSS)."""
    match = _SUMMARY_RE.search(run.head)
    try:
        summary = json.loads(match.group(1)) if match else None
    except ValueError:
        summary = None
    if not isinstance(summary, dict):
        return f'warning: no {{"summary": {{...}}}} at the start of stdout ({run.size} bytes)'
    return "summary: " + ", ".join(f"{k}={v}" for k, v in summary.items()) + f"; stdout {run.size / 1e6:.1f} MB"


def _fmt_note(run: ChildRun) -> str:
    """fmt's closing line ("N files would be reformatted, M already formatted"), the last on its stdout."""
    lines = run.tail.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "nothing on stdout"


def _build_validate(ctx: Context) -> list[Invocation]:
    return _svcmap(
        ctx,
        "validate",
        str(ctx.root),
        "--format",
        "json",
        "--no-cache",
        display="validate ROOT --format json --no-cache",
    )


def _build_validate_warm(ctx: Context) -> list[Invocation]:
    return _svcmap(
        ctx,
        "validate",
        str(ctx.root),
        "--format",
        "json",
        display="validate ROOT --format json  (cache warmed by the warm-up)",
    )


def _build_check_jsonschema(ctx: Context) -> list[Invocation]:
    exe, schemas = ctx.tool("check-jsonschema"), ctx.schemas
    out = []
    for schema, kind, pattern in (
        ("organisation", "organisation", "catalog/organisation.yaml"),
        ("product", "products", "catalog/products/*.yaml"),
        ("process", "processes", "processes/*.yaml"),
    ):
        schemafile = str(schemas / f"{schema}.schema.json")
        out.append(
            Invocation(
                (exe, "--schemafile", schemafile, *ctx.files(kind)),
                f"check-jsonschema --schemafile schemas/{schema}.schema.json {pattern}",
                ctx.root,
            )
        )
    return out


FLOOR_CODE = """\
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
files = [root / "catalog" / "organisation.yaml"]
files += sorted((root / "catalog" / "products").glob("*.yaml"))
files += sorted((root / "processes").glob("*.yaml"))
for f in files:
    with open(f, encoding="utf-8") as fh:
        yaml.compose(fh.read(), Loader=yaml.CSafeLoader)
print(len(files))
"""
"""The floor row: one process, every file read and composed into a node graph by libyaml, nothing else."""


def _build_floor(ctx: Context) -> list[Invocation]:
    return [
        Invocation(
            (sys.executable, "-c", FLOOR_CODE, str(ctx.root)),
            "python -c '<compose every file with yaml.CSafeLoader>' ROOT",
            ctx.root,
        )
    ]


def _build_analyze(ctx: Context) -> list[Invocation]:
    return _svcmap(
        ctx, "analyze", str(ctx.root), "--format", "json", "--no-cache", display="analyze ROOT --format json --no-cache"
    )


def _build_diff(ctx: Context) -> list[Invocation]:
    return _svcmap(
        ctx, *_diff_arguments(ctx), "--no-cache", display="diff --root ROOT ROOT MUTATED --format json --no-cache"
    )


def _build_diff_warm(ctx: Context) -> list[Invocation]:
    display = "diff --root ROOT ROOT MUTATED --format json  (cache warmed by the warm-up)"
    return _svcmap(ctx, *_diff_arguments(ctx), display=display)


def _diff_arguments(ctx: Context) -> tuple[str, ...]:
    return ("diff", "--root", str(ctx.root), str(ctx.root), str(ctx.mutated), "--format", "json")


def _build_fmt(ctx: Context) -> list[Invocation]:
    return _svcmap(ctx, "fmt", "--check", str(ctx.root), display="fmt --check ROOT")


def _build_render(ctx: Context) -> list[Invocation]:
    out = ctx.workdir / "render-out"
    return _svcmap(
        ctx,
        "render",
        "--root",
        str(ctx.root),
        "--all",
        "--format",
        "svg",
        "--out",
        str(out),
        display="render --root ROOT --all --format svg --out DIR",
    )


def _build_report(ctx: Context) -> list[Invocation]:
    out = ctx.workdir / "report-cold"
    empty = Invocation(("rm", "-rf", str(out)), "rm -rf DIR", ctx.root)  # a first report: nothing there yet
    return [
        empty,
        *_svcmap(
            ctx,
            "report",
            str(ctx.root),
            "--out",
            str(out),
            "--no-cache",
            "-q",
            display="report ROOT --out DIR --no-cache -q",
        ),
    ]


def _build_report_warm(ctx: Context) -> list[Invocation]:
    out = ctx.workdir / "report-warm"
    display = "report ROOT --out DIR -q  (cache and DIR as the warm-up left them)"
    return _svcmap(ctx, "report", str(ctx.root), "--out", str(out), "-q", display=display)


COMMANDS: list[CommandSpec] = [
    CommandSpec(
        "a",
        "svcmap validate --no-cache (product)",
        _build_validate,
        inspect=_validate_note,
        what="svcmap validate ROOT --format json --no-cache: cold, every file parsed and checked",
    ),
    CommandSpec(
        "b",
        "check-jsonschema, 3 schemas (peer)",
        _build_check_jsonschema,
        what="check-jsonschema with the three schemas (three invocations, times summed)",
    ),
    CommandSpec(
        "c",
        "PyYAML compose, libyaml (floor)",
        _build_floor,
        ok_codes=frozenset({0}),
        what="one Python process composing every file with PyYAML's CSafeLoader",
    ),
    CommandSpec(
        "a-warm",
        "svcmap validate, warm cache",
        _build_validate_warm,
        inspect=_validate_note,
        what="svcmap validate ROOT --format json, from the cache its warm-up filled",
    ),
    CommandSpec(
        "analyze", "svcmap analyze --no-cache", _build_analyze, what="svcmap analyze ROOT --format json --no-cache"
    ),
    CommandSpec(
        "diff",
        "svcmap diff OLD NEW --no-cache",
        _build_diff,
        what="svcmap diff ROOT MUTATED --format json --no-cache, against a mutated copy",
    ),
    CommandSpec(
        "diff-warm", "svcmap diff OLD NEW, warm cache", _build_diff_warm, what="the same diff with both sides cached"
    ),
    CommandSpec(
        "fmt",
        "svcmap fmt --check",
        _build_fmt,
        inspect=_fmt_note,
        what="svcmap fmt --check ROOT (exit 1, a file would change, is no failure)",
    ),
    CommandSpec(
        "render",
        "svcmap render --all --format svg",
        _build_render,
        what="svcmap render --all --format svg --out DIR (minutes at N=2,000)",
    ),
    CommandSpec(
        "report",
        "svcmap report --no-cache, cold",
        _build_report,
        ok_codes=frozenset({0}),
        what="rm -rf DIR, then svcmap report ROOT --out DIR --no-cache (minutes at N=2,000)",
    ),
    CommandSpec(
        "report-warm",
        "svcmap report, warm cache",
        _build_report_warm,
        ok_codes=frozenset({0}),
        what="svcmap report ROOT --out DIR, from the cache its warm-up filled, into the site it wrote",
    ),
]
ROWS: dict[str, CommandSpec] = {spec.key: spec for spec in COMMANDS}


# ---------------------------------------------------------------------------------------------------
# Targets and suites
# ---------------------------------------------------------------------------------------------------

TargetKind = Literal["time-ratio", "time", "memory"]


@dataclass(frozen=True)
class Target:
    """One figure a suite checks for a row: its median time over another row's, its median time in
    seconds, or its peak RSS in MB.  ``limit`` None shows the figure without judging it."""

    row: str
    kind: TargetKind
    limit: float | None
    other: str | None = None

    @property
    def name(self) -> str:
        if self.kind == "time-ratio":
            return f"{self.row}/{self.other} wall time"
        if self.kind == "time":
            return f"{self.row} wall time (s)"
        return f"{self.row} peak RSS (MB)"

    @property
    def rows(self) -> tuple[str, ...]:
        return (self.row,) if self.other is None else (self.row, self.other)

    def value(self, by_key: dict[str, Result]) -> float | None:
        """The measured figure, or None when a row it needs did not run."""
        mine = by_key.get(self.row)
        if mine is None:
            return None
        if self.kind == "time":
            return mine.median
        if self.kind == "memory":
            return mine.peak_rss
        theirs = by_key.get(self.other or "")
        return mine.median / theirs.median if theirs is not None and theirs.median > 0 else None


def ratio(row: str, other: str, limit: float | None) -> Target:
    """``row``'s median wall time over ``other``'s must be at most ``limit``."""
    return Target(row, "time-ratio", limit, other)


def seconds(row: str, limit: float) -> Target:
    """``row``'s median wall time must be at most ``limit`` seconds (an absolute target: machine-bound)."""
    return Target(row, "time", limit)


def peak_rss(row: str, limit_mb: float) -> Target:
    """The largest max RSS of ``row``'s children over all runs must be at most ``limit_mb`` MB."""
    return Target(row, "memory", limit_mb)


@dataclass(frozen=True)
class Suite:
    """What one benchmark run measures: the catalog's size, the rows run by default and their targets.

    ``kept_workdir`` is where the catalog is kept between runs when ``--workdir`` is not given; None
    means a temporary folder removed afterwards (cheap catalogs are generated anew every time).
    """

    name: str
    description: str
    products: int
    runs: int
    rows: tuple[str, ...]
    targets: tuple[Target, ...]
    kept_workdir: Path | None = None


SUITES: dict[str, Suite] = {
    suite.name: suite
    for suite in (
        Suite(
            "standard",
            "make bench: the everyday catalog, every command and the peer",
            products=2000,
            runs=5,
            rows=("a", "b", "c", "a-warm", "analyze", "diff", "diff-warm", "fmt"),
            targets=(
                ratio("a", "b", None),
                ratio("a", "c", 1.3),
                peak_rss("a", 100.0),
                ratio("a-warm", "a", 0.15),
                ratio("analyze", "a", 1.1),
                ratio("diff", "a", 1.5),
                ratio("diff-warm", "a-warm", None),
                ratio("fmt", "a", 2.0),
                ratio("render", "a", None),
                ratio("report-warm", "report", 0.2),
            ),
        ),
        Suite(
            "large",
            "make bench-large: a region's catalog, validate cold and warm against the floor",
            products=100_000,
            runs=3,
            rows=("a", "a-warm", "c"),
            targets=(ratio("a", "c", 1.3), peak_rss("a", 600.0), seconds("a-warm", 1.5), ratio("a-warm", "a", None)),
            kept_workdir=Path(tempfile.gettempdir()) / "svcmap-bench",
        ),
    )
}


# ---------------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------------


@dataclass
class Result:
    """A row's invocations and what each timed run measured."""

    spec: CommandSpec
    invocations: list[Invocation]
    times: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_rss(self) -> float:
        return max(self.rss_mb)


def _maxrss_mb(ru_maxrss: int) -> float:
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024  # bytes vs KiB


STDOUT_HEAD = 65536
STDOUT_TAIL = 4096


@dataclass(frozen=True)
class ChildRun:
    """What one child did: wall seconds, max RSS in MB, exit code, and the ends of its stdout.

    Only the head (64 KB) and tail (4 KB) of stdout are read back, never all of it, so that the runner's
    own RSS stays below every child's (validate's JSON at N=100,000 is hundreds of MB).
    """

    elapsed: float
    rss_mb: float
    code: int
    head: bytes
    tail: bytes
    size: int


def run_once(inv: Invocation, ok_codes: frozenset[int]) -> ChildRun:
    """Run one child, its stdout and stderr to temporary files, and measure it.

    Raises BenchError when the exit code is not in ``ok_codes`` (a signal counts as a failure).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(inv.argv, cwd=inv.cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped here: keep Popen from waiting again
        if code not in ok_codes:
            err.seek(0)
            tail = err.read()[-4000:].decode("utf-8", "replace").rstrip()
            how = f"signal {-code}" if code < 0 else f"exit code {code}"
            raise BenchError(f"`{inv.display}` failed with {how} (cwd {inv.cwd}):\n{tail}")
        size = out.tell()
        out.seek(0)
        head = out.read(STDOUT_HEAD)
        out.seek(max(0, size - STDOUT_TAIL))
        tail = out.read(STDOUT_TAIL)
        return ChildRun(elapsed, _maxrss_mb(usage.ru_maxrss), code, head, tail, size)


def measure(
    specs: Sequence[CommandSpec], ctx: Context, runs: int, progress: Callable[[str], None] = lambda s: None
) -> list[Result]:
    """One untimed warm-up of each row, then ``runs`` timed rounds, round-robin over the rows."""
    results = [Result(spec, spec.build(ctx)) for spec in specs]
    for res in results:
        progress(f"warm-up {res.spec.key}")
        warm_ups = [run_once(inv, res.spec.ok_codes) for inv in res.invocations]
        notes = []
        if any(run.code for run in warm_ups):
            notes.append("exit code " + "/".join(str(run.code) for run in warm_ups) + " (a result, not a failure)")
        if res.spec.inspect is not None and warm_ups:
            notes.append(res.spec.inspect(warm_ups[-1]))
        res.note = "; ".join(notes)
    for r in range(runs):
        for res in results:
            progress(f"run {r + 1}/{runs} {res.spec.key}")
            total, peak = 0.0, 0.0
            for inv in res.invocations:
                run = run_once(inv, res.spec.ok_codes)
                total += run.elapsed
                peak = max(peak, run.rss_mb)
            res.times.append(total)
            res.rss_mb.append(peak)
    return results


# ---------------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------------


def targets(results: Sequence[Result], suite: Suite) -> list[dict[str, Any]]:
    """The suite's targets with their values: every target whose rows ran, and those of the suite's own
    rows that did not (shown as "not run", so that a narrowed ``--only`` does not hide a target)."""
    by_key = {r.spec.key: r for r in results}
    out: list[dict[str, Any]] = []
    for target in suite.targets:
        if target.row not in by_key and target.row not in suite.rows:
            continue
        value = target.value(by_key)
        out.append(
            {
                "name": target.name,
                "kind": target.kind,
                "row": target.row,
                "of": target.other,
                "value": value,
                "limit": target.limit,
                "met": None if value is None or target.limit is None else value <= target.limit,
            }
        )
    return out


def catalog_stats(root: Path) -> dict[str, int]:
    """Files, products, processes, bytes of YAML and bytes on disk (blocks) of a generated catalog."""
    stats = {"files": 0, "bytes": 0, "disk_bytes": 0, "products": 0, "processes": 0}
    for folder, kind in (
        (root / "catalog", None),
        (root / "catalog" / "products", "products"),
        (root / "processes", "processes"),
    ):
        with os.scandir(folder) as entries:  # no list of Paths: 200,001 files at N=100,000
            for entry in entries:
                if not entry.name.endswith(".yaml") or not entry.is_file():
                    continue
                st = entry.stat()
                stats["files"] += 1
                stats["bytes"] += st.st_size
                stats["disk_bytes"] += getattr(st, "st_blocks", 0) * 512 or st.st_size
                if kind is not None:
                    stats[kind] += 1
    return stats


def _format_limit(target: dict[str, Any]) -> str:
    if target["limit"] is None:
        return "-"
    return f"<= {target['limit']:g}" + (" s" if target["kind"] == "time" else "")


def render(
    results: Sequence[Result],
    tgts: Sequence[dict[str, Any]],
    stats: dict[str, int],
    runs: int,
    suite: Suite,
    warnings: Sequence[str] = (),
) -> str:
    """The figures as a plain-text report: rows, targets, notes, warnings and the exact commands."""
    heading = (
        f"svcmap benchmark, suite {suite.name}: {stats['products']} products, {stats['processes']} processes, "
        f"{stats['files']} YAML files ({stats['bytes'] / 1e6:.1f} MB, {stats['disk_bytes'] / 1e6:.0f} MB on disk); "
        f"{runs} timed runs per row, round-robin after one warm-up; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    lines = [
        heading,
        "",
        f"{'row':<10} {'command':<38} {'median s':>9} {'min s':>8} {'max s':>8} {'peak RSS MB':>12}",
    ]
    for r in results:
        lines.append(
            f"{r.spec.key:<10} {r.spec.label:<38} {r.median:>9.3f} {min(r.times):>8.3f} "
            f"{max(r.times):>8.3f} {r.peak_rss:>12.1f}"
        )
    lines.append("")
    lines.append(f"{'target':<28} {'value':>9} {'limit':>11}  status")
    for t in tgts:
        fmt = "{:.1f}" if t["kind"] == "memory" else "{:.3f}"
        value = "n/a" if t["value"] is None else fmt.format(t["value"])
        status = (
            "not run"
            if t["value"] is None
            else "(no target)"
            if t["limit"] is None
            else "met"
            if t["met"]
            else "NOT MET"
        )
        lines.append(f"{t['name']:<28} {value:>9} {_format_limit(t):>11}  {status}")
    notes = [f"{r.spec.key}: {r.note}" for r in results if r.note]
    runner = f"peak RSS of the runner itself: {_runner_rss_mb():.1f} MB (on Linux no child's figure reads below it)"
    lines += ["", *notes, runner]
    lines += [f"WARNING: {warning}" for warning in warnings]
    lines += ["", "commands:"]
    for r in results:
        for inv in r.invocations:
            lines.append(f"  {r.spec.key:<10} {inv.display}")
    return "\n".join(lines)


def to_json(
    results: Sequence[Result],
    tgts: Sequence[dict[str, Any]],
    stats: dict[str, int],
    ctx: Context,
    runs: int,
    suite: Suite,
    warnings: Sequence[str] = (),
) -> dict[str, Any]:
    """The figures as a JSON document (``--json FILE``), raw times included, for keeping and comparing."""
    return {
        "suite": suite.name,
        "catalog": {**stats, "seed": ctx.seed, "root": str(ctx.root)},
        "runs": runs,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "runner_rss_mb": _runner_rss_mb(),
        "rows": [
            {
                "key": r.spec.key,
                "label": r.spec.label,
                "commands": [inv.display for inv in r.invocations],
                "median_s": r.median,
                "min_s": min(r.times),
                "max_s": max(r.times),
                "times_s": r.times,
                "peak_rss_mb": r.peak_rss,
                "rss_mb": r.rss_mb,
                "note": r.note,
            }
            for r in results
        ],
        "targets": list(tgts),
        "warnings": list(warnings),
    }


# ---------------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------------


def select(only: str | None, suite: Suite) -> list[CommandSpec]:
    """The rows to run: the suite's, or those named in ``--only`` (any row, in the order of COMMANDS)."""
    if only is None:
        return [ROWS[key] for key in suite.rows]
    wanted = [k.strip() for k in only.split(",") if k.strip()]
    unknown = [k for k in wanted if k not in ROWS]
    if unknown or not wanted:
        raise BenchError(f"--only: unknown row(s) {', '.join(unknown) or '(none given)'}; rows are {', '.join(ROWS)}")
    return [spec for spec in COMMANDS if spec.key in wanted]


def _describe_target(target: Target) -> str:
    if target.kind == "time-ratio":
        shown = f"{target.row}/{target.other}"
    elif target.kind == "time":
        shown = f"{target.row} time"
    else:
        shown = f"{target.row} peak RSS"
    if target.limit is None:
        return f"{shown} (shown)"
    unit = {"time-ratio": "", "time": " s", "memory": " MB"}[target.kind]
    return f"{shown} <= {target.limit:g}{unit}"


def _wrap_items(head: str, items: Sequence[str], indent: str, width: int = 100) -> list[str]:
    """``head`` then the items joined by "; ", wrapped between items only (a target is never cut in two)."""
    lines, line = [], indent + head
    for n, item in enumerate(items):
        piece = item + (";" if n < len(items) - 1 else "")
        if n > 0 and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = indent + "  " + piece
        else:
            line = f"{line} {piece}" if n > 0 else line + piece
    lines.append(line)
    return lines


def _epilog() -> str:
    """--help's list of rows and suites, made from COMMANDS and SUITES so that it cannot drift from them."""
    indent = " " * 13

    def wrapped(text: str) -> list[str]:
        return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent)

    lines = ["rows (ROOT is the generated catalog):"]
    for spec in COMMANDS:
        lines += [f"  {spec.key:<10} {spec.what}"]
    lines += ["", "suites:"]
    for suite in SUITES.values():
        kept = f"; catalog kept in {suite.kept_workdir}" if suite.kept_workdir else ""
        lines.append(f"  {suite.name:<10} {suite.description}")
        lines += wrapped(f"N={suite.products:,} products, {suite.runs} runs, rows {' '.join(suite.rows)}{kept}")
        lines += _wrap_items("targets: ", [_describe_target(t) for t in suite.targets], indent)
    lines += [""] + textwrap.wrap(
        "Ratios are of median wall times measured in the same run, the rows taking turns; a time target is a "
        "median in seconds; peak RSS is the largest max RSS of a row's children. A row outside the suite "
        "(render) runs only when named in --only, and then its targets are shown too. "
        "More in the docstring of bench/__main__.py.",
        width=100,
    )
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time svcmap against its peer (check-jsonschema) and the floor (libyaml compose), "
        "row by row in turns, and check the suite's targets.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--suite",
        choices=list(SUITES),
        default="standard",
        help="which rows, catalog size and targets (default standard)",
    )
    parser.add_argument("--products", type=int, default=None, help="products in the catalog (default: the suite's)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per row (default: the suite's)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep the catalog in DIR/catalog-nN-sS, reused while the generator is unchanged "
        "(default: the suite's kept folder, else a temporary one)",
    )
    parser.add_argument("--regenerate", action="store_true", help="make the kept catalog anew")
    parser.add_argument(
        "--schemas",
        type=Path,
        default=None,
        help="folder with {organisation,product,process}.schema.json (default: the project's)",
    )
    parser.add_argument(
        "--only",
        metavar="ROWS",
        default=None,
        help=f"comma-separated rows to run instead of the suite's, e.g. a,c (all: {','.join(ROWS)})",
    )
    parser.add_argument("--json", metavar="FILE", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, prepare the catalog, measure, print the report; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    suite = SUITES[args.suite]
    products = suite.products if args.products is None else args.products
    runs = suite.runs if args.runs is None else args.runs
    if runs < 1 or products < 3:
        parser.error("--runs must be >= 1 and --products >= 3")

    def progress(msg: str) -> None:
        if not args.quiet:
            print(f"[bench] {msg}", file=sys.stderr, flush=True)

    tmp: tempfile.TemporaryDirectory[str] | None = None
    try:
        specs = select(args.only, suite)
        kept = args.workdir if args.workdir is not None else suite.kept_workdir
        if kept is not None:
            workdir = kept.resolve()
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            tmp = tempfile.TemporaryDirectory(prefix="svcmap-bench-")
            workdir = Path(tmp.name)
        progress(f"suite {suite.name}: {products} products, seed {args.seed}, {runs} runs, in {workdir}")
        root = prepare(
            workdir / f"catalog-n{products}-s{args.seed}",
            generator_stamp(),
            lambda d: _generate(d, ("--products", str(products), "--seed", str(args.seed)), progress),
            regenerate=args.regenerate,
        )
        progress(f"catalog: {root}")
        ctx = Context(
            root=root,
            workdir=workdir,
            products=products,
            seed=args.seed,
            schemas_override=args.schemas.resolve() if args.schemas else None,
            progress=progress,
        )
        package = svcmap_package(root)
        before = code_digest(package) if package is not None else None
        results = measure(specs, ctx, runs, progress)
        warnings = []
        if package is not None and code_digest(package) != before:
            warnings.append(
                f"svcmap's code in {package} changed during the run: warm rows may have missed "
                "their cache and rows may mix versions; measure a checkout nobody edits"
            )
        tgts = targets(results, suite)
        stats = catalog_stats(root)
        print(render(results, tgts, stats, runs, suite, warnings))
        if args.json is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            document = to_json(results, tgts, stats, ctx, runs, suite, warnings)
            args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
            progress(f"figures written to {args.json}")
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if tmp is not None:
            tmp.cleanup()
    if args.check and any(t["met"] is False for t in tgts):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
