"""A horizontal bar chart drawn on the server as SVG: no script, and readable when printed.

The geometry is worked out here; templates/tools/partials/bar_chart.html draws it. Each bar
has its label above it and its value after it, so the chart stays legible when a narrow
screen scales it down. A chart may carry reference lines (a published comparator), each named at its
top and in the description. The chart is an image with a text description, and every page that
shows one shows a table of the same figures beside it.
"""

from dataclasses import dataclass

WIDTH = 400  # the drawing's own units; CSS scales it to the column
ROW_HEIGHT = 58
LABEL_GAP = 20  # from a label's baseline down to its bar
BAR_HEIGHT = 22
VALUE_ROOM = 118  # kept free after the longest bar for its value
TOP = 22
REFERENCE_ROOM = 20  # above the bars, for each reference line's name


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    label_y: int
    bar_y: int
    length: int
    value_x: int
    value_y: int


@dataclass(frozen=True)
class ReferenceLine:
    label: str
    x: int
    label_y: int
    top: int
    bottom: int
    anchor: str  # the label's text-anchor: it stays inside the drawing


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: int
    bars: tuple
    references: tuple = ()


def reference_lines(references, scale, bottom):
    """Vertical lines across the bars at (label, value, value text) references, their names stacked above."""
    lines = []
    for index, (label, value, _) in enumerate(references):
        x = scale(value)
        anchor = "end" if x > WIDTH / 2 else "start"
        label_y = 14 + index * REFERENCE_ROOM
        lines.append(ReferenceLine(label, x, label_y, label_y + 4, bottom, anchor))
    return tuple(lines)


def bar_chart(title, rows, references=()):
    """A chart of (label, value, value text) rows, each bar as long as its share of the largest value, and
    optional (label, value, value text) reference lines drawn on the same scale."""
    largest = max((value for _, value, _ in [*rows, *references]), default=0)
    room = WIDTH - VALUE_ROOM

    def scale(value):
        return round(room * value / largest) if largest else 0

    top_room = TOP + len(references) * REFERENCE_ROOM
    bars = []
    for index, (label, value, value_text) in enumerate(rows):
        top = top_room + index * ROW_HEIGHT
        length = scale(value)
        bar_y = top + LABEL_GAP - 14
        bars.append(Bar(label, value_text, top, bar_y, length, length + 6, bar_y + BAR_HEIGHT - 6))
    height = top_room + len(rows) * ROW_HEIGHT
    description = "; ".join(f"{label}: {value_text}" for label, _, value_text in rows)
    lines = "".join(f" Reference line: {label}, at {value_text}." for label, _, value_text in references)
    return BarChart(
        title, f"{title}. {description}.{lines}", WIDTH, height, tuple(bars), reference_lines(references, scale, height)
    )
