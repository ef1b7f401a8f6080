"""Benchmark of `verifyctl screen` (issue 6): posts/s with --jobs 2, peak memory for 1,000,000
posts against 100,000, and the ratio to a floor that only parses each line and writes it back.

    python benchmarks/bench_screen.py                 # 1,000,000 and 100,000 posts
    python benchmarks/bench_screen.py --posts 200000  # a quicker run

The input is generated: Vietnamese post text, links to official outlets, unknown sites,
lookalike domains and shorteners (popular links repeat, as viral links do; the rest are new
articles), and flagged phrases in some posts. Memory is the peak of the summed resident memory
of the whole process tree (the parent and its workers), sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

OPENINGS = [
    "Thông báo mới nhất của Ủy ban nhân dân tỉnh về",
    "Cả nhà ơi, đọc ngay tin này về",
    "Bộ Y tế khuyến cáo người dân về",
    "Tin nóng: lực lượng chức năng Đồng Nai xử lý vụ việc về",
    "Hội nghị Ban Chấp hành Trung ương bàn về",
    "Mẹo hay cho bà con nông dân về",
    "Cập nhật tình hình thời tiết và",
]
TOPICS = [
    "giá xăng dầu tuần này", "lịch nghỉ Tết Nguyên đán", "tiêm chủng cho trẻ em", "mưa lũ miền Trung",
    "cải cách thủ tục hành chính", "tuyển sinh lớp 10", "bảo hiểm xã hội", "đường cao tốc Bắc – Nam",
]
FLAGGED = [
    "Hãy chia sẻ trước khi bị xóa!",
    "Bấm vào link để nhận quà 5 triệu đồng, nhập mã OTP để xác nhận.",
    "Tài liệu MẬT vừa bị lộ, lan truyền ngay.",
    "Số CMND của bà ấy là 012345678901, ai biết thì gọi.",
]
OFFICIAL = ["nhandan.vn", "baochinhphu.vn", "vtv.vn", "qdnd.vn", "vov.vn", "dangcongsan.vn", "baomoi.com"]
LOOKALIKE = ["nhandan-vn.com", "baochinhphu.net", "vtv-vn.info", "qdnd.com.vn.tin-nhanh.top", "nhandan.vn.xn--tin-nhanh.com"]
SHORTENERS = ["bit.ly", "tinyurl.com", "t.co", "shorturl.at"]


def _link(rng: random.Random, popular: list[str]) -> str:
    roll = rng.random()
    if roll < 0.5:
        return rng.choice(popular)
    slug = f"bai-viet-{rng.randrange(10**9)}.html"
    if roll < 0.75:
        return f"https://{rng.choice(OFFICIAL)}/{slug}"
    if roll < 0.9:
        return f"https://tin{rng.randrange(5000)}.example.vn/{slug}"
    if roll < 0.96:
        return f"https://{rng.choice(LOOKALIKE)}/{slug}"
    return f"https://{rng.choice(SHORTENERS)}/{rng.randrange(36**6):x}"


PLACES = ["Đồng Nai", "Bình Phước", "Hà Nội", "TP.HCM", "Đà Nẵng", "Cần Thơ", "Nghệ An", "Quảng Ninh"]
DETAILS = [
    "theo nguồn tin từ người dân", "sáng nay lúc {h} giờ", "với {n} người tham gia", "tại xã {p}",
    "giá mới là {n}.000 đồng", "ai ở gần thì chú ý", "mọi người cẩn thận nhé", "đã có {n} trường hợp",
]


def _text(rng: random.Random) -> str:
    """A post of a few sentences with names, numbers and places: like real posts, almost
    never the same text twice."""
    parts = [f"{rng.choice(OPENINGS)} {rng.choice(TOPICS)} ở {rng.choice(PLACES)}"]
    for _ in range(rng.randrange(1, 4)):
        parts.append(rng.choice(DETAILS).format(h=rng.randrange(24), n=rng.randrange(2, 900), p=rng.choice(PLACES)))
    text = ", ".join(parts) + "."
    if rng.random() < 0.08:
        text += " " + rng.choice(FLAGGED)
    return text


def generate(path: Path, count: int, seed: int = 6) -> None:
    rng = random.Random(seed)
    popular: list[str] = []
    for _ in range(20_000):
        slug = f"bai-viet-{rng.randrange(10**9)}.html"
        host = rng.choice(OFFICIAL + OFFICIAL + LOOKALIKE + [f"tin{rng.randrange(5000)}.example.vn"])
        popular.append(f"https://{host}/{slug}")
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            text = _text(rng)
            post: dict[str, object] = {"id": f"post-{i}"}
            roll = rng.random()
            if roll < 0.45:
                text += " Xem: " + _link(rng, popular)
            elif roll < 0.8:
                post["url"] = _link(rng, popular)
            post["text"] = text
            fh.write(json.dumps(post, ensure_ascii=False) + "\n")


def _tree_rss(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in bytes."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure(cmd: list[str]) -> tuple[float, int, float]:
    """Wall time, peak tree memory and CPU seconds (the command and its workers) of a command."""
    cpu_before = _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return elapsed, peak[0], _cpu(resource.RUSAGE_CHILDREN) - cpu_before


FLOOR = """
import json, sys
with open(sys.argv[1], "rb") as src, open(sys.argv[2], "w", encoding="utf-8") as dst:
    for line in src:
        dst.write(json.dumps(json.loads(line), ensure_ascii=False) + "\\n")
"""


class _ConstantChecks:
    """Checks that cost nothing: what is left is the batch machinery (reading, workers, order,
    serialising, writing, counting)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        from verifyctl.i18n import Msg
        from verifyctl.verdict import Reason, Result, Verdict

        self.result = Result.of("", "text", [Reason("no_source", Verdict.VERIFY, Msg("-", "-"))])

    def check_text(self, text: str) -> object:
        return self.result

    def check_url(self, raw: str) -> object:
        return self.result

    def check_image(self, target: str) -> object:
        return self.result


def machinery(path: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall time and CPU seconds of a run whose checks cost nothing."""
    from verifyctl.screen.post import Settings
    from verifyctl.screen.run import RunOptions, run

    cpu_before = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run([str(path)], Settings(engine=_ConstantChecks), RunOptions(output=str(out), jobs=jobs))  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    return elapsed, _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu_before


def verifyctl() -> str:
    script = Path(sys.executable).with_name("verifyctl")
    return str(script) if script.exists() else "verifyctl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=None, help="keep the files here")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-screen-"))
    folder.mkdir(parents=True, exist_ok=True)
    big, small = folder / f"posts-{args.posts}.jsonl", folder / f"posts-{args.small}.jsonl"
    for path, count in ((big, args.posts), (small, args.small)):
        if not path.exists():
            t = time.perf_counter()
            generate(path, count)
            print(f"generated {count:,} posts in {time.perf_counter() - t:.1f}s ({path.stat().st_size / 1e6:.0f} MB)")

    floor_s, floor_mem, floor_cpu = measure([sys.executable, "-c", FLOOR, str(big), str(folder / "floor.jsonl")])
    small_s, small_mem, _ = measure([verifyctl(), "screen", "--jobs", str(args.jobs), "-o", str(folder / "small.jsonl"), str(small)])
    big_s, big_mem, big_cpu = measure([verifyctl(), "screen", "--jobs", str(args.jobs), "-o", str(folder / "big.jsonl"), str(big)])
    machine_s, machine_cpu = machinery(big, folder / "machinery.jsonl", args.jobs)
    lines = sum(1 for _ in (folder / "big.jsonl").open("rb"))
    assert lines == args.posts, f"{lines} output records for {args.posts} posts"

    rate = args.posts / big_s
    floor_rate = args.posts / floor_s
    print(f"screen --jobs {args.jobs}: {args.posts:,} posts in {big_s:.1f}s = {rate:,.0f} posts/s (target >= 50,000)")
    print(f"screen --jobs {args.jobs}: {args.small:,} posts in {small_s:.1f}s = {args.small / small_s:,.0f} posts/s")
    print(f"floor (parse + write back, 1 process): {floor_rate:,.0f} posts/s; screen takes {big_s / floor_s:.2f}x the floor's time "
          f"(floor peak memory {floor_mem / 2**20:.0f} MiB)")
    print(f"batch machinery alone (checks replaced by a constant), --jobs {args.jobs}: {args.posts / machine_s:,.0f} posts/s")
    # Wall-clock rates depend on what else the machine runs; CPU per post does not.
    load = os.getloadavg()[0]
    print(f"CPU per post (all processes): screen {big_cpu / args.posts * 1e6:.0f} us, machinery alone "
          f"{machine_cpu / args.posts * 1e6:.1f} us, floor {floor_cpu / args.posts * 1e6:.1f} us; "
          f"load average at the end {load:.1f} on {os.cpu_count()} cores")
    print(f"  => on {args.jobs} idle cores: screen <= {args.jobs / (big_cpu / args.posts):,.0f} posts/s, "
          f"machinery alone <= {args.jobs / (machine_cpu / args.posts):,.0f} posts/s")
    print(f"peak memory (process tree): {args.posts:,} posts {big_mem / 2**20:.0f} MiB, "
          f"{args.small:,} posts {small_mem / 2**20:.0f} MiB, ratio {big_mem / small_mem:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()
