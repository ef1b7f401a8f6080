"""Generated exports of realistic posts, shared by the Dask tests and `benchmarks/bench_dask.py`:
Vietnamese text, links from official outlets, unknown sites, lookalikes and shorteners, some
flagged phrases, and a few records that cannot be read (the batch must carry those too)."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

OFFICIAL = [
    "https://nhandan.vn/chinh-tri/ky-hop-thu-muoi-quoc-hoi-post{n}.html",
    "https://baochinhphu.vn/thu-tuong-chu-tri-hoi-nghi-{n}.htm",
    "https://vtv.vn/xa-hoi/mua-lu-mien-trung-{n}.htm",
    "https://www.qdnd.vn/quoc-phong-an-ninh/tin-tuc/{n}",
    "https://vov.vn/xa-hoi/tin-{n}.vov",
    "https://dangcongsan.vn/thoi-su/{n}.html",
    "https://baodongnai.com.vn/chinh-tri/{n}.html",
]
UNKNOWN = [
    "https://tintuc-moi-ngay.net/bai-viet/{n}",
    "https://blog.example.org/{n}",
    "http://xem-ngay.info/video?id={n}",
]
LOOKALIKE = [
    "https://nhandan-vn.com/thoi-su/{n}",
    "https://baochinhphu.com.vn.tin-nong.xyz/{n}",
    "https://vtv-vn.net/clip/{n}",
]
SHORT = ["https://bit.ly/3x{n}", "https://tinyurl.com/vn{n}"]
TEXTS = [
    "Sáng nay, Quốc hội thảo luận về dự án Luật Đất đai (sửa đổi) tại hội trường.",
    "Chia sẻ ngay trước khi bị xóa!!! Tin mật từ nội bộ, báo chí không dám đăng.",
    "Bà con Đồng Nai lưu ý lịch cắt điện ngày mai theo thông báo của điện lực.",
    "Nhận quà tri ân 2 triệu đồng, chỉ cần nhập mã OTP được gửi về điện thoại của bạn.",
    "Thủ tướng chỉ đạo các địa phương chủ động ứng phó với mưa lũ ở miền Trung.",
    "Hình ảnh xúc động về chiến sĩ biên phòng giữa mùa mưa bão.",
    "Tài liệu TUYỆT MẬT bị lộ, mọi người xem nhanh kẻo bị gỡ.",
    "Giá xăng giảm từ 15 giờ chiều nay, mời xem chi tiết trong bài.",
    "Mình là cán bộ công an phường, yêu cầu anh chị cung cấp số CCCD để xác minh.",
    "Ảnh cũ từ năm 2016 đang bị chia sẻ lại như tin mới, cẩn thận nhé cả nhà.",
]


def post(rng: random.Random, n: int) -> dict[str, object]:
    text = rng.choice(TEXTS)
    pool = rng.choices([OFFICIAL, UNKNOWN, LOOKALIKE, SHORT], weights=[5, 3, 1, 1])[0]
    urls = [rng.choice(pool).format(n=n)] if rng.random() < 0.8 else []
    if rng.random() < 0.2:
        text = f"{text} Nguồn: {rng.choice(OFFICIAL).format(n=n + 7)}"
    return {"id": f"p{n}", "text": text, "urls": urls}


def write_jsonl(path: Path, count: int, seed: int = 8) -> Path:
    """`count` records, one per line; about one in a thousand cannot be read."""
    rng = random.Random(seed)
    with path.open("wb") as fh:
        for n in range(count):
            roll = rng.random()
            if roll < 0.0005:
                fh.write(b'{"id": "broken", "text": "thi\xe1\xba\n')  # cut short mid-export
            elif roll < 0.001:
                fh.write(b'{"id": "bad-bytes", "text": "\xff\xfe not utf-8"}\n')
            else:
                line = json.dumps(post(rng, n), ensure_ascii=False)
                fh.write(line.encode() + b"\n")
    return path


def write_csv(path: Path, count: int, seed: int = 6) -> Path:
    """A CrowdTangle-style CSV; some messages span several lines inside quotes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["Page Name", "Message", "Link", "Final Link"])
        for n in range(count):
            record = post(rng, n)
            urls = record["urls"]
            assert isinstance(urls, list)
            message = str(record["text"])
            if rng.random() < 0.1:
                message = f'{message}\n\n"Trích dẫn", thêm một dòng.'
            link = urls[0] if urls else ""
            out.writerow([f"Trang {n % 37}", message, link, link])
    return path
