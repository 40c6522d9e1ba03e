"""A chart of counts along one axis (years, months, issues) as geometry for an inline SVG: bars for one
series, lines with points for several. Computed here, drawn by templates/_chart.html: the page needs no
script, and every label goes through the template's escaping."""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH, HEIGHT = 760, 280  # the viewBox; the SVG scales to its box
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 14, 46  # room for the axes' labels
MAX_X_LABELS = 12  # the x axis labels at most this many categories (every k-th), the others have tooltips
SERIES_CLASSES = 6  # .series-0 … .series-5 in style.css


@dataclass
class Mark:
    x: float
    y: float
    width: float
    height: float
    count: int
    title: str  # the tooltip: "2022年 · 秸秆：12 条"
    url: str | None = None


@dataclass
class Line:
    name: str
    css: str  # series-N
    points: str  # "x,y x,y …" for <polyline>
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Mark]
    lines: list[Line]
    x_labels: list[tuple[float, str]]  # (x, text)
    y_ticks: list[tuple[float, int]]  # (y, value)
    baseline: float
    left: float
    right: float
    description: str  # the chart in words, for screen readers (aria-label)


def nice_step(top: int, ticks: int = 5) -> int:
    """A step of 1, 2 or 5 × 10^k giving at most `ticks` steps up to `top`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor * ticks >= top:
                return step * factor
        step *= 10


def build_chart(
    categories: list[tuple[str, str]],
    series: list[tuple[str, list[int], list[str | None]]],
    unit: str = "条",
) -> Chart:
    """`categories`: (short label for the axis, full label for tooltips), in order; `series`: (name, one
    count per category, one link per category or None). One series is drawn as bars, several as lines."""
    n = max(1, len(categories))
    top = max([c for _, counts, _ in series for c in counts] + [1])
    step = nice_step(top)
    ceiling = step * -(-top // step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    baseline = TOP + plot_h

    def y_of(count: int) -> float:
        return round(baseline - plot_h * count / ceiling, 2)

    def x_of(index: int) -> float:
        return round(LEFT + slot * (index + 0.5), 2)

    bars: list[Mark] = []
    lines: list[Line] = []
    if len(series) == 1:
        name, counts, urls = series[0]
        width = max(1.0, slot * 0.7)
        for i, count in enumerate(counts):
            y = y_of(count)
            title = (
                f"{categories[i][1]}：{count} {unit}" if not name else f"{categories[i][1]} · {name}：{count} {unit}"
            )
            bars.append(
                Mark(round(x_of(i) - width / 2, 2), y, round(width, 2), round(baseline - y, 2), count, title, urls[i])
            )
    else:
        for k, (name, counts, urls) in enumerate(series):
            marks = [
                Mark(x_of(i), y_of(c), 0, 0, c, f"{categories[i][1]} · {name}：{c} {unit}", urls[i])
                for i, c in enumerate(counts)
            ]
            points = " ".join(f"{m.x},{m.y}" for m in marks)
            lines.append(Line(name, f"series-{k % SERIES_CLASSES}", points, marks))
    every = -(-n // MAX_X_LABELS)
    x_labels = [(x_of(i), short) for i, (short, _) in enumerate(categories) if i % every == 0]
    y_ticks = [(y_of(v), v) for v in range(0, ceiling + 1, step)]
    names = "、".join(name for name, _, _ in series if name) or "命中数"
    span = f"{categories[0][1]}至{categories[-1][1]}" if categories else "无数据"
    return Chart(
        WIDTH,
        HEIGHT,
        bars,
        lines,
        x_labels,
        y_ticks,
        baseline,
        LEFT,
        WIDTH - RIGHT,
        f"{names}，{span}，最多 {top} {unit}",
    )
