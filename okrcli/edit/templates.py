"""What `okr init` writes: the config and a sample sheet, in English or Vietnamese. Pure text.

The sample sheet is a working example, not a form to fill in: `okr check` finds no problem
in it (tests hold it to that), so a team's first run shows the tool passing, and each key
result shows one kind of target (metric, threshold, falling metric).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

Locale = Literal["en", "vi"]
LOCALES: tuple[Locale, ...] = ("en", "vi")

OWNER = "team"
SCHEMA_FILE = ".okr/okr-sheet.schema.json"


def quarter_of(day: dt.date) -> str:
    """The quarter holding `day`, as a period: 2026-11-03 → "2026-Q4"."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def sheet_path(period: str, owner: str = OWNER) -> str:
    """Where the sample sheet goes: one folder per period, one file per owner (SPEC 1)."""
    return f"{period}/{owner}.yaml"


def config_text(locale: Locale) -> str:
    return _CONFIG[locale]


def sheet_text(locale: Locale, day: dt.date, today: dt.date | None = None) -> str:
    """The sample sheet for the quarter holding `day`; its one check-in is dated `day`, and
    left out when `day` is after `today`: nobody has seen a value of the future yet (rule
    check-in-in-future), and the sample must check clean."""
    period = quarter_of(day)
    # The modeline path is relative to the sheet, which sits one folder below the root.
    modeline = f"# yaml-language-server: $schema=../{SCHEMA_FILE}\n"
    template = _SHEET[locale]
    if today is not None and day > today:
        template = _CHECK_INS.sub("", template)
    return modeline + template.format(period=period, owner=OWNER, day=day.isoformat())


_CHECK_INS = re.compile(r"^( +)check_ins:\n\1  - date: \{day\}\n(?:\1    .*\n)+", re.MULTILINE)


# Every commented-out line under the first one is `key: default`, so uncommenting a line
# changes nothing until its value is edited (tests uncomment them all to check that).
_CONFIG_EN = """\
# Settings of this goals repository, read by `okr`. `okr rules` lists every rule.

# How numbers in sheets are read. en: "1,234.5" (',' groups thousands, '.' is the decimal
# mark). vi: "1.234,5", "120.000" (= 120000), "8,5%".
number_locale: en

# The other settings, commented out, with their defaults; uncomment a line to change it.
# exclude: []                    # globs of YAML files that are not sheets, e.g. ["drafts/**"]
# stale_after_days: 14           # a key result with no check-in for this long is stale
# grading:                       # objective scores that grade green / yellow (else red)
#   aspirational: {green: 0.6, yellow: 0.4}
#   committed: {green: 1.0, yellow: 0.7}
# kpi: {green: 1.0, yellow: 0.9}  # KPI achievement (actual against target) grades
# scorecard: {kpis: 0.6, key_results: 0.4, kpi_cap: 1.0}   # the 60/40 scorecard
# rules:                         # per rule: disable, or {level: warning, <options>}
#   max-objectives: {max: 3}
#   max-key-results: {max: 3}
#   min-key-results: {min: 2}
#   kpi-count: {min: 3, max: 5}
#   vague-wording: {words: [], allow: []}
"""

_CONFIG_VI = """\
# Cấu hình của kho mục tiêu này, do `okr` đọc. `okr rules` liệt kê mọi quy tắc kiểm tra.

# Cách đọc số trong các file mục tiêu. vi: "1.234,5", "120.000" (= 120000), "8,5%" (dấu
# chấm nhóm hàng nghìn, dấu phẩy là dấu thập phân). en: "1,234.5".
number_locale: vi

# Ngôn ngữ của mọi thông báo, bảng và báo cáo của okr: vi hoặc en.
language: vi

# Các thiết lập khác, để ở dạng chú thích với giá trị mặc định; bỏ dấu # để thay đổi.
# exclude: []                    # các file YAML không phải file mục tiêu, ví dụ ["drafts/**"]
# stale_after_days: 14           # KR quá số ngày này chưa cập nhật tiến độ là lâu chưa cập nhật
# grading:                       # ngưỡng điểm để mục tiêu được xếp xanh / vàng (còn lại: đỏ)
#   aspirational: {green: 0.6, yellow: 0.4}
#   committed: {green: 1.0, yellow: 0.7}
# kpi: {green: 1.0, yellow: 0.9}  # ngưỡng xếp loại KPI (thực tế so với chỉ tiêu)
# scorecard: {kpis: 0.6, key_results: 0.4, kpi_cap: 1.0}   # thẻ điểm 60% KPI / 40% KR
# rules:                         # mỗi quy tắc: disable, hoặc {level: warning, <tùy chọn>}
#   max-objectives: {max: 3}
#   max-key-results: {max: 3}
#   min-key-results: {min: 2}
#   kpi-count: {min: 3, max: 5}
#   vague-wording: {words: [], allow: []}
"""

_SHEET_EN = """\
# The goals of the team for {period}, written by `okr init` as a starting point: replace
# them with your own. Objectives state a direction (no numbers); key results carry the
# numbers: where you start (`start`), where you aim (`target`) and check-ins on the way.
# `okr check` lints this file, `okr score` scores it, `okr rules` explains every rule.
period: {period}
owner: {owner}
level: team
objectives:
  - id: O1
    title: Make new customers successful in their first month
    kind: aspirational   # 60-70 % of an aspirational objective is a success
    key_results:
      - id: KR1
        title: New customers still active in week 4 reach 60% (from 45%)
        start: 45%
        target: 60%
        check_ins:
          - date: {day}
            value: 45%
            confidence: 0.6
            note: Baseline measured when the goals were set
      - id: KR2
        title: Median days from signup to first report fall to 2 (from 5)
        start: 5
        target: 2
        unit: days
      - id: KR3
        title: Onboarding satisfaction score ≥ 4.5 (from 3.9)
        start: 3.9
        target: ">= 4.5"
    initiatives:
      - Guided setup checklist in the app
      - title: Welcome call for every new customer
        owner: {owner}
        status: planned
  - id: O2
    title: Make our service dependable
    kind: committed      # a committed objective is expected in full
    key_results:
      - id: KR1
        title: Support tickets answered within 4 hours reach 90% (from 72%)
        start: 72%
        target: 90%
      - id: KR2
        title: Customer-facing incidents per month fall to 2 (from 6)
        start: 6
        target: 2
kpis:                    # the numbers the team keeps healthy all year
  - id: K1
    title: Monthly uptime ≥ 99.9%
    target: ">= 99.9%"
    type: lag
    category: quality
    frequency: monthly
  - id: K2
    title: Customer satisfaction (CSAT) ≥ 90%
    target: ">= 90%"
    type: lag
    category: quality
    frequency: monthly
  - id: K3
    title: Cost per new customer ≤ $120
    target: "<= $120"
    unit: USD
    type: lag
    category: cost
    frequency: monthly
"""

_SHEET_VI = """\
# Mục tiêu của nhóm trong kỳ {period}, do `okr init` tạo làm mẫu: hãy thay bằng mục tiêu
# của bạn. Mục tiêu nêu hướng đi (không ghi số); kết quả then chốt (KR) mang con số: điểm
# xuất phát (`start`), chỉ tiêu (`target`) và các lần cập nhật tiến độ (`check_ins`) trong quý.
# `okr check` kiểm tra file này, `okr score` chấm điểm, `okr rules` giải thích từng quy tắc.
period: {period}
owner: {owner}
level: team
objectives:
  - id: O1
    title: Khách hàng mới thành công ngay trong tháng đầu tiên
    kind: aspirational   # mục tiêu thách thức: đạt 60-70% đã là thành công
    key_results:
      - id: KR1
        title: Tỷ lệ khách hàng mới còn hoạt động ở tuần thứ 4 đạt 60% (từ 45%)
        start: 45%
        target: 60%
        check_ins:
          - date: {day}
            value: 45%
            confidence: 0.6
            note: Số liệu xuất phát, đo khi đặt mục tiêu
      - id: KR2
        title: Số ngày trung vị từ lúc đăng ký đến báo cáo đầu tiên giảm còn 2 (từ 5)
        start: 5
        target: 2
        unit: ngày
      - id: KR3
        title: Điểm hài lòng với quá trình bắt đầu sử dụng ≥ 4,5 (từ 3,9)
        start: "3,9"
        target: ">= 4,5"
    initiatives:
      - Danh sách hướng dẫn cài đặt ngay trong ứng dụng
      - title: Gọi điện chào mừng mọi khách hàng mới
        owner: {owner}
        status: planned
  - id: O2
    title: Dịch vụ ổn định để khách hàng luôn tin cậy
    kind: committed      # mục tiêu cam kết: phải đạt trọn vẹn
    key_results:
      - id: KR1
        title: Tỷ lệ yêu cầu hỗ trợ được phản hồi trong 4 giờ đạt 90% (từ 72%)
        start: 72%
        target: 90%
      - id: KR2
        title: Số sự cố ảnh hưởng đến khách hàng mỗi tháng giảm còn 2 (từ 6)
        start: 6
        target: 2
kpis:                    # các chỉ số nhóm giữ ổn định quanh năm
  - id: K1
    title: Thời gian hệ thống hoạt động mỗi tháng ≥ 99,9%
    target: ">= 99,9%"
    type: lag
    category: quality
    frequency: monthly
  - id: K2
    title: Mức độ hài lòng của khách hàng (CSAT) ≥ 90%
    target: ">= 90%"
    type: lag
    category: quality
    frequency: monthly
  - id: K3
    title: Chi phí để có một khách hàng mới ≤ 2,5 triệu đồng
    target: "<= 2,5 triệu"
    unit: đồng
    type: lag
    category: cost
    frequency: monthly
"""

_CONFIG: dict[Locale, str] = {"en": _CONFIG_EN, "vi": _CONFIG_VI}
_SHEET: dict[Locale, str] = {"en": _SHEET_EN, "vi": _SHEET_VI}
