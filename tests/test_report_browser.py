"""The HTML report in a real headless Chromium: it renders (a screenshot that is not blank,
with the grade colours), logs no console error, fits a 375 px phone without sideways
scrolling, and reads Vietnamese text as UTF-8.

These tests never skip: without Chromium they fail and say how to install it (Debian's
`chromium`, which `.ci/run` installs)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_okr

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None)

GREEN, YELLOW, RED = (0x1F, 0x88, 0x3D), (0xC5, 0x8A, 0x00), (0xCF, 0x22, 0x2E)  # --green, --yellow, --red
FITS, OVERFLOWS = (0, 200, 0), (255, 0, 255)
# Appended to a copy of the page only: paints a corner square green when the document is no
# wider than the window, magenta when it scrolls sideways. It runs again on resize, since
# headless Chromium lays a page out at 500 px before it shrinks the window to 375.
PROBE = """<div id="probe" style="position:fixed;top:0;left:0;width:24px;height:24px;z-index:2147483647"></div>
<script>
function probe() {
  var root = document.documentElement;
  document.getElementById("probe").style.background = root.scrollWidth > root.clientWidth ? "rgb(255,0,255)" : "rgb(0,200,0)";
}
probe(); addEventListener("resize", probe); addEventListener("load", probe);
</script>
"""


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: apt-get install chromium (Debian's package; .ci/run installs it)")
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def screenshot(page: Path, tmp_path: Path, width: int) -> Path:
    png = tmp_path / f"{page.stem}-{width}.png"
    done = chromium(tmp_path / f"profile-{width}", f"--window-size={width},2000", f"--screenshot={png}", page.as_uri())
    assert png.is_file(), done.stderr[-2000:]
    return png


def png_rows(path: Path, limit: int) -> tuple[int, int, list[bytes]]:
    """(width, height, the first `limit` rows as RGB(A) bytes) of an 8-bit, non-interlaced
    RGB or RGBA PNG: enough of a decoder to look at the pixels with the stdlib only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunks.append((kind, data[position + 8:position + 8 + length]))
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", dict(chunks)[b"IHDR"])
    assert (depth, interlace) == (8, 0) and colour in (2, 6)
    raw = zlib.decompressobj().decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    return width, height, _unfilter(raw, width * (3 if colour == 2 else 4), 3 if colour == 2 else 4, min(limit, height))


def _unfilter(raw: bytes, stride: int, size: int, count: int) -> list[bytes]:
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(count):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                nearest = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows


def colours(rows: list[bytes], size: int) -> set[tuple[int, ...]]:
    return {tuple(row[x:x + 3]) for row in rows for x in range(0, len(row), size)}


def near(found: set[tuple[int, ...]], wanted: tuple[int, int, int], tolerance: int = 6) -> bool:
    return any(all(abs(a - b) <= tolerance for a, b in zip(colour, wanted, strict=False)) for colour in found)


EXAMPLE_PAGES = ["acme-vi", "startup-en", "acme-vi in Vietnamese"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The HTML report of both example repos, written with `-o` as a user would; and the
    Vietnamese one in Vietnamese, whose words are longer."""
    folder = tmp_path_factory.mktemp("pages")
    found = {}
    for name in EXAMPLE_PAGES:
        example, *lang = name.split(" in ")
        repo = folder / example if (folder / example).is_dir() else Path(shutil.copytree(EXAMPLES / example, folder / example))
        page = folder / f"{name.replace(' ', '-')}.html"
        result = run_okr("report", "Q3", "--as-of", "2025-08-15", "-C", str(repo), "-o", str(page), *(["--lang", "vi"] if lang else []))
        assert result.code == 0, result.err
        found[name] = page
    return found


@pytest.mark.parametrize("example", EXAMPLE_PAGES)
def test_desktop_screenshot_is_not_blank_and_shows_the_grades(pages: dict[str, Path], tmp_path: Path, example: str) -> None:
    png = screenshot(pages[example], tmp_path, 1280)
    width, height, rows = png_rows(png, 320)  # the header and the summary tiles
    assert (width, height) == (1280, 2000) and png.stat().st_size > 20_000
    seen = colours(rows, len(rows[0]) // width)
    assert len(seen) > 50, "the page looks blank"
    assert all(near(seen, colour) for colour in (GREEN, YELLOW, RED)), "the grade colours are missing"


@pytest.mark.parametrize("example", EXAMPLE_PAGES)
@pytest.mark.parametrize("phone", [375, 320])
def test_phone_width_fits_without_sideways_scrolling(pages: dict[str, Path], tmp_path: Path, example: str, phone: int) -> None:
    """The window keeps a classic scroll bar, so the page gets 15 px less than the phone."""
    probed = tmp_path / f"{example}-probed.html"
    probed.write_text(pages[example].read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    width, _, rows = png_rows(screenshot(probed, tmp_path, phone), 40)
    size = len(rows[0]) // width
    corner = tuple(rows[10][10 * size:10 * size + 3])
    assert width == phone and corner == FITS, f"the page is wider than a {phone} px phone" if corner == OVERFLOWS else corner
    plain = screenshot(pages[example], tmp_path, phone)
    width, _, rows = png_rows(plain, 400)
    assert width == phone and len(colours(rows, len(rows[0]) // width)) > 50, "the page looks blank"


@pytest.mark.parametrize("example", EXAMPLE_PAGES)
def test_no_console_errors_and_text_read_as_utf8(pages: dict[str, Path], tmp_path: Path, example: str) -> None:
    page = pages[example]
    done = chromium(tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri())
    assert "</main>" in done.stdout, done.stderr[-2000:]
    about_page = [line for line in done.stderr.splitlines() if "CONSOLE" in line or page.as_uri() in line]
    problems = [line for line in about_page if any(word in line for word in ("Uncaught", "Refused to load", "ERR_", "Error"))]
    assert problems == []
    title = "Become the default invoicing tool for freelancers" if example == "startup-en" else "Tăng trưởng traffic bền vững"
    assert title in done.stdout  # the DOM holds the decoded text: the page was read as UTF-8
    assert ("<h2>Người phụ trách</h2>" in done.stdout) == example.endswith("in Vietnamese")  # okr's own words too


# Appended to a copy of the page: paints the corner square green when every badge (grade
# pill, status) lies inside its card and inside the cell that holds it, magenta otherwise.
BADGE_PROBE = """<div id="probe" style="position:fixed;top:0;left:0;width:24px;height:24px;z-index:2147483647"></div>
<script>
function inside(inner, outer) {
  return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
}
function probe() {
  var fits = true;
  document.querySelectorAll(".card .pill, .card .status").forEach(function (badge) {
    var box = badge.getBoundingClientRect();
    fits = fits && inside(box, badge.closest(".card").getBoundingClientRect()) && inside(box, badge.parentElement.getBoundingClientRect());
  });
  document.getElementById("probe").style.background = fits ? "rgb(0,200,0)" : "rgb(255,0,255)";
}
probe(); addEventListener("resize", probe); addEventListener("load", probe);
</script>
"""
CROWDED = """
period: 2025-Q3
owner: platform-engineering-and-reliability
objectives:
  - id: O1-with-a-rather-long-identifier
    title: Nâng cao trải nghiệm khách hàng trên toàn bộ các kênh bán hàng trực tuyến và ngoại tuyến của công ty
    kind: committed
    key_results:
      - id: KR1-long-identifier
        title: Tỷ lệ khách hàng hài lòng đạt ít nhất chín mươi lăm phần trăm trong khảo sát quý
        start: 10
        target: 1000000000
        current: 20
        unit: khách hàng thân thiết
        check_ins:
          - {date: 2025-07-01, value: 15, confidence: 0.3, note: Khảo sát đầu tiên cho thấy sự không hài lòng lớn}
      - id: KR2
        title: Supercalifragilisticexpialidocious-unbreakable-word-without-spaces-at-all-here-and-there
        target: ">= 40%"
        current: 1%
        check_ins:
          - {date: 2025-07-02, value: 1%}
      - {id: KR3, title: Milestone not reached, done: false}
  - id: O2
    title: Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongunbreakableobjectivetitle
    key_results:
      - id: KR1-with-an-identifier-that-is-long-too
        title: Averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongunbreakablekeyresulttitle
        target: ">= 40%"
        current: 1%
        check_ins:
          - {date: 2025-07-02, value: 1%}
      - {id: KR2, title: Pending, target: 10, start: 0}
kpis:
  - {id: K1-a-long-kpi-identifier, title: Averyveryveryveryveryveryveryveryveryveryveryverylongunbreakablekpititle, target: ">= 95%", actual: 12%}
  - {id: K2, title: Uptime, target: ">= 99%", actual: 99.5%}
  - {id: K3, title: No data yet, target: ">= 99%"}
"""


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("width", [1280, 375])
def test_badges_stay_inside_their_cards(tmp_path: Path, width: int, lang: str) -> None:
    """Two badges side by side (a grade and a status; a status and `stale`), beside long
    unbreakable titles and refs: every badge stays inside its card and its cell, in English
    and in Vietnamese, whose badges are longer ("chậm tiến độ", "lâu chưa cập nhật")."""
    repo = tmp_path / "repo"
    (repo / "2025-Q3").mkdir(parents=True)
    (repo / "2025-Q3" / "team.yaml").write_text(CROWDED.lstrip(), encoding="utf-8")
    page = tmp_path / "crowded.html"
    result = run_okr("report", "--as-of", "2025-08-30", "-C", str(repo), "-o", str(page), "--lang", lang)
    assert result.code == 0, result.err
    html = page.read_text(encoding="utf-8")
    stale, red, off_track = ("stale", "red", "off-track") if lang == "en" else ("lâu chưa cập nhật", "đỏ", "chậm tiến độ")
    projected = "projected for the end of the period" if lang == "en" else "dự kiến cho cuối kỳ"
    assert html.count(f'<span class="status stale">{stale}</span>') == 3
    assert f'class="pill red projected" title="{projected}">~{red}</span> <span class="status off-track">{off_track}</span>' in html
    probed = tmp_path / "crowded-probed.html"
    probed.write_text(html.replace("</body>", BADGE_PROBE + "</body>"), encoding="utf-8")
    width_seen, _, rows = png_rows(screenshot(probed, tmp_path, width), 40)
    size = len(rows[0]) // width_seen
    corner = tuple(rows[10][10 * size:10 * size + 3])
    assert corner == FITS, "a badge overflows its card or its cell" if corner == OVERFLOWS else corner


# Paints the corner square green when the page is no wider than the window and every badge,
# forecast, final grade and retro lies inside its card, magenta otherwise.
LIFE_PROBE = """<div id="probe" style="position:fixed;top:0;left:0;width:24px;height:24px;z-index:2147483647"></div>
<script>
function probe() {
  var root = document.documentElement, fits = root.scrollWidth <= root.clientWidth, seen = 0;
  document.querySelectorAll(".card .pill, .card .status, .card .kr-forecast, .card .final, .card .retro").forEach(function (item) {
    var box = item.getBoundingClientRect(), card = item.closest(".card").getBoundingClientRect();
    fits = fits && box.left >= card.left - 0.5 && box.right <= card.right + 0.5;
    seen += 1;
  });
  document.getElementById("probe").style.background = fits && seen > 0 ? "rgb(0,200,0)" : "rgb(255,0,255)";
}
probe(); addEventListener("resize", probe); addEventListener("load", probe);
</script>
"""
LIFE = """
period: 2025-Q3
owner: growth-and-activation-team
{closed}objectives:
  - id: O1-with-a-long-identifier
    title: Make self-serve signups our main acquisition engine in every market we sell in
    retro: Trialsgrewfastestwhereonboardingwasshortest-conversiondidnotfollow-pricingpageexperimentsranlate
    {final}key_results:
      - id: KR1
        title: Trial signups reach 2,400,000 a month (from 1,500,000)
        start: 1500000
        target: 2400000
        current: 1980000
        unit: trial signups from every channel
        check_ins:
          - {{date: 2025-07-10, value: 1640000, confidence: 0.6}}
          - {{date: 2025-08-11, value: 1980000, confidence: 0.7, note: Referral loop live}}
      - {{id: KR2, title: Pricing page relaunched, done: false}}
kpis:
  - {{id: K1, title: Churn under 5%, target: "<= 5%", actual: 4%{kpi_final}}}
"""


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("moment", ["running", "closed"])
def test_the_quarters_life_fits_the_page(tmp_path: Path, width: int, moment: str) -> None:
    """While the quarter runs (a forecast per key result, projected grades) and once it is
    closed (final grades, a retro of one unbreakable word): nothing leaves its card and the
    page never scrolls sideways."""
    closed = moment == "closed"
    sheet = LIFE.format(
        closed="closed: 2025-10-03\n" if closed else "", final="final: {score: 0.2667, grade: red}\n    " if closed else "",
        kpi_final=", final: {achievement: 1.25, grade: green}" if closed else "",
    )
    repo = tmp_path / "repo"
    (repo / "2025-Q3").mkdir(parents=True)
    (repo / "2025-Q3" / "growth.yaml").write_text(sheet.lstrip(), encoding="utf-8")
    page = tmp_path / "life.html"
    result = run_okr("report", "--as-of", "2025-10-05" if closed else "2025-08-15", "-C", str(repo), "-o", str(page))
    assert result.code == 0, result.err
    html = page.read_text(encoding="utf-8")
    if closed:
        assert '<p class="final">Final (okr close): <strong>0.26</strong> <span class="pill red">red</span></p>' in html
        assert "projected" not in html
    else:
        assert html.count('class="kr-forecast"') == 1 and html.count('class="pill yellow projected"') == 4
    probed = tmp_path / "life-probed.html"
    probed.write_text(html.replace("</body>", LIFE_PROBE + "</body>"), encoding="utf-8")
    width_seen, _, rows = png_rows(screenshot(probed, tmp_path, width), 40)
    size = len(rows[0]) // width_seen
    corner = tuple(rows[10][10 * size:10 * size + 3])
    assert corner == FITS, "something leaves its card, or the page scrolls sideways" if corner == OVERFLOWS else corner
