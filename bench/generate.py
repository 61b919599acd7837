"""Generate a goals repository of N realistic sheets for benchmarks.

Each sheet is about 250 lines: 3 objectives of 3 key results with 4 check-ins each, 4 KPIs
with monthly readings, Vietnamese titles and `number_locale: vi` numbers. The sheets are
valid, so `okr check` does its full work on every one of them.

    python bench/generate.py OUT_DIR --sheets 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

OBJECTIVES = [
    "Tăng trưởng doanh thu bền vững từ khách hàng doanh nghiệp",
    "Khách hàng hài lòng và quay lại mua hàng",
    "Vận hành tinh gọn, chi phí trong tầm kiểm soát",
    "Thương hiệu được nhận diện rộng rãi tại thị trường miền Nam",
    "Đội ngũ gắn kết, giữ chân nhân sự chủ chốt",
]
KRS = [
    ("Tổng traffic website đạt {t} lượt", 250_000, 308_000, "lượt"),
    ("Doanh thu đạt {t} đồng", 8_000_000_000, 10_400_000_000, "VND"),
    ("Số khách hàng mới đạt {t}", 120, 180, "khách"),
    ("NPS đạt {t} điểm", 65, 80, "điểm"),
    ("Số đơn hàng tháng đạt {t}", 1_800, 2_400, "đơn"),
    ("Chi phí mỗi lead giảm còn {t} đồng", 180_000, 120_000, "VND"),
]
KPIS = [
    ("Chi phí marketing trên doanh thu", '"<= 10%"', ['"9,8%"', '"9,2%"', '"10,4%"']),
    ("Tỷ lệ chuyển đổi", '">= 8,5%"', ['"7,9%"', '"8,6%"', '"8,8%"']),
    ("Giá trị đơn hàng trung bình", '">= 1,33 triệu"', ['"1,25 triệu"', '"1,36 triệu"', '"1,4 triệu"']),
    ("Tỷ lệ phản hồi trong 24 giờ", '">= 95%"', ["93%", "96%", "97%"]),
    ("Số bài viết xuất bản", '">= 20"', ["18", "22", "21"]),
]
NOTES = ["Đã chạy chiến dịch quảng cáo mới", "Trang SEO lên top 3", "Ra mắt gói khách hàng thân thiết", "Tuyển thêm hai nhân sự bán hàng"]


def vi_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def sheet(owner: str, rng: random.Random) -> str:
    lines = [
        "# yaml-language-server: $schema=okr-sheet.schema.json",
        "period: 2025-Q3",
        f"owner: {owner}",
        "level: team",
        "objectives:",
    ]
    for o in range(3):
        lines += [
            f"  - id: O{o + 1}",
            f"    title: {rng.choice(OBJECTIVES)}",
            "    kind: aspirational",
            f"    parent: company/O{o % 3 + 1}",
            "    key_results:",
        ]
        for k in range(3):
            lines += key_result(k, rng)
        lines += [
            "    initiatives:",
            "      - SEO on-page cho 50 landing page",
            "      - {title: Chạy thử nghiệm A/B trang giá, owner: lan, status: doing}",
        ]
    lines.append("kpis:")
    for k, (title, target, readings) in enumerate(rng.sample(KPIS, 4)):
        lines += [
            f"  - id: K{k + 1}",
            f"    title: {title}",
            f"    target: {target}",
            f"    actual: {readings[-1]}",
            "    type: lag",
            "    frequency: monthly",
            "    readings:",
        ]
        lines += [f"      - {{period: 2025-0{7 + i}, value: {value}}}" for i, value in enumerate(readings)]
    return "\n".join(lines) + "\n"


def key_result(index: int, rng: random.Random) -> list[str]:
    title, start, target, unit = rng.choice(KRS)
    lines = [
        f"      - id: KR{index + 1}",
        f"        title: {title.format(t=vi_number(target))}",
        f'        start: "{vi_number(start)}"',
        f'        target: "{vi_number(target)}"',
        f'        current: "{vi_number(start + (target - start) * 4 // 7)}"',
        f"        unit: {unit}",
        "        check_ins:",
    ]
    for c in range(4):
        value = start + (target - start) * (c + 1) // 7
        lines += [
            f"          - date: 2025-0{7 + c // 2}-{10 + 7 * (c % 2)}",
            f'            value: "{vi_number(value)}"',
            f"            confidence: {rng.choice(['0.6', '0.7', '0.8'])}",
            f"            note: {rng.choice(NOTES)}",
        ]
    return lines


def company() -> str:
    lines = ["period: 2025-Q3", "owner: company", "level: company", "objectives:"]
    for o in range(3):
        lines += [f"  - id: O{o + 1}", f"    title: {OBJECTIVES[o]}", "    key_results:"]
        for k in range(2):
            lines += [
                f"      - id: KR{k + 1}",
                f"        title: Doanh thu toàn công ty đạt {vi_number(40_000_000_000 + k)} đồng",
                '        start: "30.000.000.000"',
                f'        target: "{vi_number(40_000_000_000 + k)}"',
            ]
    return "\n".join(lines) + "\n"


def generate(out: Path, sheets: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (out / "2025-Q3").mkdir(parents=True, exist_ok=True)
    (out / ".okr.yaml").write_text("number_locale: vi\n", encoding="utf-8")
    (out / "2025-Q3" / "company.yaml").write_text(company(), encoding="utf-8")
    for n in range(sheets - 1):
        folder = out / "2025-Q3" / f"dept-{n // 50:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"team-{n:05d}.yaml").write_text(sheet(f"team-{n:05d}", rng), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.sheets, args.seed)


if __name__ == "__main__":
    main()
