"""Loading the official-source list: parser choices and the cold-start cost it adds.

Issue 3 wants `verifyctl check URL` to start within 1.5x of `python -c "import click"`; the
source list is loaded on that path. Prints medians in milliseconds (cold runs: the minimum
too, less disturbed by other load on the machine). Run: python benchmarks/bench_sources.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from verifyctl import yamlsafe
from verifyctl.sources.compiled import compile_file, compiled_path
from verifyctl.sources.load import load_sources
from verifyctl.sources.validate import validate_text

LIST = Path(__file__).resolve().parents[1] / "data" / "official_sources.yaml"


def median_ms(fn: Callable[[], object], runs: int = 30) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def cold_ms(code: str, runs: int = 21) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def main() -> None:
    text = LIST.read_text(encoding="utf-8")
    parts = sorted((LIST.parent / "sources").glob("*.yaml"))
    lines = len(text.splitlines()) + sum(len(p.read_text(encoding="utf-8").splitlines()) for p in parts)
    print(f"list: {LIST.name} and {len(parts)} included files, {lines} lines, {len(load_sources(LIST).sources)} sources")
    print("(parser rows: the entry file only; load_sources and validate_text: every file)")
    print(f"yamlsafe.load_yaml_python (positions)         {median_ms(lambda: yamlsafe.load_yaml_python(text, 'x')):7.2f} ms")
    print(f"yaml.load CSafeLoader (no positions)          {median_ms(lambda: yaml.load(text, Loader=yaml.CSafeLoader)):7.2f} ms")
    print(f"yamlsafe.load_yaml (libyaml, positions, guards){median_ms(lambda: yamlsafe.load_yaml(text, 'x')):7.2f} ms")
    print(f"load_sources from YAML (parse, shape, model)  {median_ms(lambda: load_sources(LIST)):7.2f} ms")
    print(f"validate_text (every offline check)           {median_ms(lambda: validate_text(text, str(LIST)), 10):7.2f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / LIST.name
        shutil.copy(LIST, copy)
        if parts:  # the files the entry file includes, at the same relative paths
            shutil.copytree(LIST.parent / "sources", Path(tmp) / "sources")
        yaml_code = f"import click; from pathlib import Path; from verifyctl.sources.load import load_sources; load_sources(Path({str(copy)!r}))"
        base = cold_ms("import click")
        from_yaml = cold_ms(yaml_code)
        compile_file(copy, compiled_path(copy))
        print(f"load_sources from compiled JSON (warm)        {median_ms(lambda: load_sources(copy)):7.2f} ms")
        from_json = cold_ms(yaml_code)
    print("cold starts (median / min):")
    print(f"  python -c 'import click'                    {base[0]:6.1f} / {base[1]:6.1f} ms")
    print(f"  + load_sources, YAML                        {from_yaml[0]:6.1f} / {from_yaml[1]:6.1f} ms  ({from_yaml[1] / base[1]:.2f}x by min)")
    print(f"  + load_sources, compiled JSON (a wheel)     {from_json[0]:6.1f} / {from_json[1]:6.1f} ms  ({from_json[1] / base[1]:.2f}x by min)")


if __name__ == "__main__":
    main()
