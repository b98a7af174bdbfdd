"""Benchmark runner: ``python -m bench [--products 2000] [--runs 5] [--workdir DIR] ...``.

It generates a catalog (:mod:`bench.generate`), then times a list of rows in the same run,
round-robin (a, b, c, a, b, c, ...) after one untimed warm-up of each row, so that drift of the machine
(page cache, CPU frequency, neighbours) hits every row alike:

(a) ``svcmap validate ROOT --format json --no-cache`` — the product, every file parsed and checked;
(b) ``check-jsonschema`` with the project's three schemas — the peer (three invocations, times summed);
(c) one Python process that only composes every YAML file with libyaml — the floor.

For each row: the median wall time (``time.perf_counter`` around each child) and the peak memory (max
RSS of the child, from ``os.wait4``; the largest of a row's invocations).  On Linux a child's max RSS
includes the high-water mark of the process it was forked from, so the runner keeps itself small (it
generates catalogs in a subprocess and does not import the generator) and prints its own peak RSS: a
row's figure never reads below it.  Then the ratios and targets:
a/b <= 0.5, a/c <= 2.5, peak RSS of (a) <= 400 MB.

Extra rows, by default: ``a-warm`` (validate answered from its ROOT/.svcmap-cache, filled by the warm-up;
target <= 0.2 a), ``analyze`` (<= 1.5 a), ``diff`` against a mutated copy of the catalog (<= 2.5 a) and
``diff-warm``. ``render`` (every process as SVG, minutes at N=2000) runs when named in ``--only``.

Rows are entries of :data:`COMMANDS`.  To add a row (``analyze``, ``diff``, a warm cached validate...),
append a :class:`CommandSpec` whose ``build`` returns the invocations, and give it ``compare_to`` (a ratio
against another row, e.g. ``("a", None)``: shown, no target).  Rows with ``default=False`` run only when
named in ``--only``.  Exit codes: 0 done (even if a target is missed, unless ``--check``), 1 a target
missed with ``--check``, 2 a command failed (exit code not in the row's ``ok_codes``) or bad usage.
"""

from __future__ import annotations

import argparse
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
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence


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
        """A mutated copy of the catalog (made on first use), for ``svcmap diff`` rows."""
        if self._mutated is None:
            target = self.workdir / f"mutated-n{self.products}-s{self.seed}"
            if not (target / "catalog" / "organisation.yaml").is_file():
                _atomic_dir(target, lambda d: _generate(d, "--mutate-from", str(self.root),
                                                        "--seed", str(self.seed + 1)))
            self._mutated = target
        return self._mutated


def _generate(out: Path, *args: str) -> None:
    """Run ``python -m bench.generate OUT ARGS`` in a child (the runner's own RSS stays small)."""
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1])  # the repository root, holding bench/ and svcmap/
    env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    proc = subprocess.run([sys.executable, "-m", "bench.generate", str(out), *args], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"generating {out} failed (exit code {proc.returncode}):\n{proc.stderr[-4000:]}")


def _runner_rss_mb() -> float:
    return _maxrss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _atomic_dir(target: Path, make: Callable[[Path], None]) -> None:
    """Build a folder under a temporary name and rename it: an existing ``target`` is always complete."""
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    make(tmp)
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)


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

    ``build`` returns the row's invocations (time: their sum; memory: their max).  ``compare_to`` lists
    ``(other row, largest allowed ratio or None)``: the ratio of this row's median time to the other's.
    ``inspect`` turns the head of the warm-up's stdout (first 64 KB) and its size into a one-line note.
    """

    key: str
    label: str
    build: Callable[[Context], list[Invocation]]
    default: bool = True
    ok_codes: frozenset[int] = frozenset({0, 1})
    compare_to: tuple[tuple[str, float | None], ...] = ()
    max_rss_mb: float | None = None
    inspect: Callable[[bytes, int], str] | None = None


def _svcmap(ctx: Context, *args: str, display: str) -> list[Invocation]:
    return [Invocation((ctx.tool("svcmap"), *args), f"svcmap {display}", ctx.root)]


_SUMMARY_RE = re.compile(rb'"summary"\s*:\s*(\{[^{}]*\})')


def _validate_note(head: bytes, size: int) -> str:
    """validate's summary, read from the head of its JSON (the runner never loads all of a child's stdout:
    its own RSS would count in every later child's max RSS)."""
    match = _SUMMARY_RE.search(head)
    try:
        summary = json.loads(match.group(1)) if match else None
    except ValueError:
        summary = None
    if not isinstance(summary, dict):
        return f"warning: no {{\"summary\": {{...}}}} at the start of stdout ({size} bytes)"
    return "summary: " + ", ".join(f"{k}={v}" for k, v in summary.items()) + f"; stdout {size / 1e6:.1f} MB"


def _build_validate(ctx: Context) -> list[Invocation]:
    return _svcmap(ctx, "validate", str(ctx.root), "--format", "json", "--no-cache",
                   display="validate ROOT --format json --no-cache")


def _build_validate_warm(ctx: Context) -> list[Invocation]:
    return _svcmap(ctx, "validate", str(ctx.root), "--format", "json",
                   display="validate ROOT --format json  (cache warmed by the warm-up)")


def _build_check_jsonschema(ctx: Context) -> list[Invocation]:
    exe, schemas = ctx.tool("check-jsonschema"), ctx.schemas
    out = []
    for schema, kind, pattern in (("organisation", "organisation", "catalog/organisation.yaml"),
                                  ("product", "products", "catalog/products/*.yaml"),
                                  ("process", "processes", "processes/*.yaml")):
        schemafile = str(schemas / f"{schema}.schema.json")
        out.append(Invocation((exe, "--schemafile", schemafile, *ctx.files(kind)),
                              f"check-jsonschema --schemafile schemas/{schema}.schema.json {pattern}", ctx.root))
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


def _build_floor(ctx: Context) -> list[Invocation]:
    return [Invocation((sys.executable, "-c", FLOOR_CODE, str(ctx.root)),
                       "python -c '<compose every file with yaml.CSafeLoader>' ROOT", ctx.root)]


def _build_analyze(ctx: Context) -> list[Invocation]:
    return _svcmap(ctx, "analyze", str(ctx.root), "--format", "json", "--no-cache",
                   display="analyze ROOT --format json --no-cache")


def _build_diff(ctx: Context) -> list[Invocation]:
    mutated = ctx.mutated
    return _svcmap(ctx, "diff", "--root", str(ctx.root), str(ctx.root), str(mutated), "--format", "json",
                   "--no-cache", display="diff --root ROOT ROOT MUTATED --format json --no-cache")


def _build_render(ctx: Context) -> list[Invocation]:
    out = ctx.workdir / "render-out"
    return _svcmap(ctx, "render", "--root", str(ctx.root), "--all", "--format", "svg", "--out", str(out),
                   display="render --root ROOT --all --format svg --out DIR")


def _build_diff_warm(ctx: Context) -> list[Invocation]:
    mutated = ctx.mutated
    return _svcmap(ctx, "diff", "--root", str(ctx.root), str(ctx.root), str(mutated), "--format", "json",
                   display="diff --root ROOT ROOT MUTATED --format json  (cache warmed by the warm-up)")


COMMANDS: list[CommandSpec] = [
    CommandSpec("a", "svcmap validate --no-cache (product)", _build_validate,
                compare_to=(("b", 0.5), ("c", 2.5)), max_rss_mb=400.0, inspect=_validate_note),
    CommandSpec("b", "check-jsonschema, 3 schemas (peer)", _build_check_jsonschema),
    CommandSpec("c", "PyYAML compose, libyaml (floor)", _build_floor, ok_codes=frozenset({0})),
    CommandSpec("a-warm", "svcmap validate, warm cache", _build_validate_warm,
                compare_to=(("a", 0.2),), inspect=_validate_note),
    CommandSpec("analyze", "svcmap analyze --no-cache", _build_analyze, compare_to=(("a", 1.5),)),
    CommandSpec("diff", "svcmap diff OLD NEW --no-cache", _build_diff, compare_to=(("a", 2.5),)),
    CommandSpec("diff-warm", "svcmap diff OLD NEW, warm cache", _build_diff_warm, compare_to=(("a-warm", None),)),
    CommandSpec("render", "svcmap render --all --format svg", _build_render, default=False, compare_to=(("a", None),)),
]


# ---------------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------------


@dataclass
class Result:
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


def run_once(inv: Invocation, ok_codes: frozenset[int]) -> tuple[float, float, int, bytes, int]:
    """Run one child; return (wall seconds, max RSS MB, exit code, stdout's first 64 KB, stdout's size).

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
        return elapsed, _maxrss_mb(usage.ru_maxrss), code, out.read(STDOUT_HEAD), size


def measure(specs: Sequence[CommandSpec], ctx: Context, runs: int,
            progress: Callable[[str], None] = lambda s: None) -> list[Result]:
    """One untimed warm-up of each row, then ``runs`` timed rounds, round-robin over the rows."""
    results = [Result(spec, spec.build(ctx)) for spec in specs]
    for res in results:
        progress(f"warm-up {res.spec.key}")
        head, size, codes = b"", 0, []
        for inv in res.invocations:
            _, _, code, head, size = run_once(inv, res.spec.ok_codes)
            codes.append(code)
        notes = []
        if any(codes):
            notes.append("exit code " + "/".join(map(str, codes)) + " (findings, not a failure)")
        if res.spec.inspect is not None:
            notes.append(res.spec.inspect(head, size))
        res.note = "; ".join(notes)
    for r in range(runs):
        for res in results:
            progress(f"run {r + 1}/{runs} {res.spec.key}")
            total, peak = 0.0, 0.0
            for inv in res.invocations:
                elapsed, rss, *_ = run_once(inv, res.spec.ok_codes)
                total += elapsed
                peak = max(peak, rss)
            res.times.append(total)
            res.rss_mb.append(peak)
    return results


# ---------------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------------


def targets(results: Sequence[Result]) -> list[dict[str, Any]]:
    """Every ratio and memory target of the rows, with its value (None when a row did not run)."""
    by_key = {r.spec.key: r for r in results}
    out: list[dict[str, Any]] = []
    for spec in COMMANDS:
        mine = by_key.get(spec.key)
        if mine is None and not spec.default:
            continue
        for other, limit in spec.compare_to:
            theirs = by_key.get(other)
            value = mine.median / theirs.median if mine and theirs and theirs.median > 0 else None
            out.append({"name": f"{spec.key}/{other} wall time", "kind": "time-ratio", "value": value,
                        "limit": limit, "met": None if value is None or limit is None else value <= limit})
        if spec.max_rss_mb is not None:
            value = mine.peak_rss if mine else None
            out.append({"name": f"{spec.key} peak RSS (MB)", "kind": "memory", "value": value,
                        "limit": spec.max_rss_mb,
                        "met": None if value is None else value <= spec.max_rss_mb})
    return out


def _catalog_stats(root: Path) -> dict[str, int]:
    files = [root / "catalog" / "organisation.yaml", *(root / "catalog" / "products").glob("*.yaml"),
             *(root / "processes").glob("*.yaml")]
    return {"files": len(files), "bytes": sum(f.stat().st_size for f in files),
            "products": len(list((root / "catalog" / "products").glob("*.yaml"))),
            "processes": len(list((root / "processes").glob("*.yaml")))}


def render(results: Sequence[Result], tgts: Sequence[dict[str, Any]], stats: dict[str, int], runs: int) -> str:
    lines = [
        f"svcmap benchmark: {stats['products']} products, {stats['processes']} processes, "
        f"{stats['files']} YAML files ({stats['bytes'] / 1e6:.1f} MB); "
        f"{runs} timed runs per row, round-robin after one warm-up; Python {platform.python_version()}",
        "",
        f"{'row':<8} {'command':<38} {'median s':>9} {'min s':>8} {'max s':>8} {'peak RSS MB':>12}",
    ]
    for r in results:
        lines.append(f"{r.spec.key:<8} {r.spec.label:<38} {r.median:>9.3f} {min(r.times):>8.3f} "
                     f"{max(r.times):>8.3f} {r.peak_rss:>12.1f}")
    lines.append("")
    lines.append(f"{'target':<26} {'value':>9} {'limit':>9}  status")
    for t in tgts:
        fmt = "{:.1f}" if t["kind"] == "memory" else "{:.3f}"
        value = "n/a" if t["value"] is None else fmt.format(t["value"])
        limit = "-" if t["limit"] is None else "<= " + ("{:g}".format(t["limit"]))
        status = ("not run" if t["value"] is None else "(no target)" if t["limit"] is None
                  else "met" if t["met"] else "NOT MET")
        lines.append(f"{t['name']:<26} {value:>9} {limit:>9}  {status}")
    notes = [f"{r.spec.key}: {r.note}" for r in results if r.note]
    lines += ["", *notes, f"peak RSS of the runner itself: {_runner_rss_mb():.1f} MB "
              "(on Linux no child's figure reads below it)"]
    lines += ["", "commands:"]
    for r in results:
        for inv in r.invocations:
            lines.append(f"  {r.spec.key:<8} {inv.display}")
    return "\n".join(lines)


def to_json(results: Sequence[Result], tgts: Sequence[dict[str, Any]], stats: dict[str, int],
            ctx: Context, runs: int) -> dict[str, Any]:
    return {
        "catalog": {**stats, "seed": ctx.seed, "root": str(ctx.root)},
        "runs": runs,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "runner_rss_mb": _runner_rss_mb(),
        "rows": [{
            "key": r.spec.key, "label": r.spec.label,
            "commands": [inv.display for inv in r.invocations],
            "median_s": r.median, "min_s": min(r.times), "max_s": max(r.times), "times_s": r.times,
            "peak_rss_mb": r.peak_rss, "rss_mb": r.rss_mb, "note": r.note,
        } for r in results],
        "targets": list(tgts),
    }


# ---------------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------------


def _select(only: str | None) -> list[CommandSpec]:
    if only is None:
        return [s for s in COMMANDS if s.default]
    wanted = [k.strip() for k in only.split(",") if k.strip()]
    known = {s.key for s in COMMANDS}
    unknown = [k for k in wanted if k not in known]
    if unknown or not wanted:
        raise BenchError(f"--only: unknown row(s) {', '.join(unknown) or '(none given)'}; "
                         f"rows are {', '.join(s.key for s in COMMANDS)}")
    return [s for s in COMMANDS if s.key in wanted]


def _prepare_catalog(workdir: Path, products: int, seed: int, regenerate: bool) -> Path:
    root = workdir / f"catalog-n{products}-s{seed}"
    if regenerate or not (root / "catalog" / "organisation.yaml").is_file():
        _atomic_dir(root, lambda d: _generate(d, "--products", str(products), "--seed", str(seed)))
    return root


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time svcmap against its peer (check-jsonschema) and the floor (libyaml compose).",
    )
    parser.add_argument("--products", type=int, default=2000, help="products in the catalog (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per row (default 5)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the catalog in DIR/catalog-nN-sS (reused when present; default: a temp dir)")
    parser.add_argument("--regenerate", action="store_true", help="with --workdir: regenerate the catalog")
    parser.add_argument("--schemas", type=Path, default=None,
                        help="folder with {organisation,product,process}.schema.json (default: the project's)")
    parser.add_argument("--only", metavar="ROWS", default=None,
                        help="comma-separated rows to run, e.g. b,c or a,b,c,analyze "
                             f"(all: {','.join(s.key for s in COMMANDS)}; default: "
                             f"{','.join(s.key for s in COMMANDS if s.default)})")
    parser.add_argument("--json", metavar="FILE", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.products < 3:
        parser.error("--runs must be >= 1 and --products >= 3")

    def progress(msg: str) -> None:
        if not args.quiet:
            print(f"[bench] {msg}", file=sys.stderr, flush=True)

    tmp: tempfile.TemporaryDirectory[str] | None = None
    try:
        specs = _select(args.only)
        if args.workdir is not None:
            workdir = args.workdir.resolve()
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            tmp = tempfile.TemporaryDirectory(prefix="svcmap-bench-")
            workdir = Path(tmp.name)
        progress(f"catalog: {args.products} products, seed {args.seed}, in {workdir}")
        t0 = time.perf_counter()
        root = _prepare_catalog(workdir, args.products, args.seed, args.regenerate)
        progress(f"catalog ready in {time.perf_counter() - t0:.1f} s: {root}")
        ctx = Context(root=root, workdir=workdir, products=args.products, seed=args.seed,
                      schemas_override=args.schemas.resolve() if args.schemas else None)
        results = measure(specs, ctx, args.runs, progress)
        tgts = targets(results)
        stats = _catalog_stats(root)
        print(render(results, tgts, stats, args.runs))
        if args.json is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(to_json(results, tgts, stats, ctx, args.runs), indent=2) + "\n",
                                 encoding="utf-8")
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
