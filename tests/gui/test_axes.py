"""Log axes in the window, as drawn: every tick shown has a readable label, none is cut at the
axis ends, and the axis title does not overlap them. Run in a real X window by .ci/run (Xvfb
with the xcb platform), where a desktop's fonts differ from the offscreen platform's."""

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter

from gui.axes import styled_plot


def drawn_labels(axis):
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return ticks, texts


@pytest.mark.parametrize(("low", "high", "height"), [
    (1e-6, 3e7, 600),   # the tutorial's loss: 14 decades
    (1e-6, 3e7, 250),   # the same, squeezed (diagnostics panel open, small window)
    (0.1, 7.0, 200),    # lr·λ_max: under two decades
    (1e2, 1e300, 400),  # a diverging run's tail
])
def test_every_log_tick_has_a_readable_label_clear_of_the_title(qtbot, low, high, height):
    plot = styled_plot("iteration t", "loss (sum of squares)", False, True)
    qtbot.addWidget(plot)
    plot.resize(700, height)
    plot.show()
    x = np.arange(100)
    plot.plot(x, np.geomspace(high, low, 100))
    qtbot.waitExposed(plot)
    qtbot.wait(50)
    axis = plot.getPlotItem().getAxis("left")
    ticks, texts = drawn_labels(axis)
    assert len(texts) >= 2, "an axis with fewer than two labels cannot be read"
    # One label per tick: a tick without a label is a decade nobody can name.
    tick_ys = sorted(round(start.y()) for _pen, start, _end in ticks)
    label_ys = sorted(round(rect.center().y()) for rect, _, _ in texts)
    assert len(label_ys) == len(tick_ys)
    for tick_y, label_y in zip(tick_ys, label_ys, strict=True):
        assert abs(tick_y - label_y) <= 2
    bounds = axis.boundingRect()
    # The title's text, without the empty margin Qt keeps around a text item's document.
    margin = axis.label.document().documentMargin()
    title = axis.label.mapRectToParent(axis.label.boundingRect().adjusted(
        margin, margin, -margin, -margin))
    for index, (rect, _, text) in enumerate(texts):
        assert text.strip(), "an empty label"
        assert bounds.top() - 1 <= rect.top() and rect.bottom() <= bounds.bottom() + 1, (
            f"{text!r} is cut at the end of the axis")
        assert not rect.intersects(title), f"the axis title overlaps {text!r}"
        for other, _, other_text in texts[index + 1:]:
            assert not rect.intersects(other), f"{text!r} overlaps {other_text!r}"


def test_ratio_ticks_are_readable_around_two_and_in_one_notation():
    """Issue 19: the Quadratic preset's lr·λ_max axis had the single tick "2"; the Divergence
    preset's piled a 1-2-5 ladder over eight decades into a blob; "5e+08" sat beside "10⁸"."""
    from gui.axes import log_ticks, tick_label

    near = [label for _, label in log_ticks(0.98 / 3, 1.96 * 3, keep=2.0)]  # the Quadratic's
    assert "2" in near and len(near) >= 3 and near == sorted(near, key=float)
    wide = log_ticks(0.05, 91_064, keep=2.0)
    assert len(wide) <= 7 and "2" in [label for _, label in wide]
    positions = [p for p, _ in wide]
    assert positions == sorted(positions)
    assert [tick_label(v) for v in (5e8, 1e8, 2.5e-5, 0.2, 999)] == \
        ["5×10⁸", "10⁸", "2.5×10⁻⁵", "0.2", "999"]
    assert not any("e+" in label or "e-" in label
                   for _, label in log_ticks(1e-9, 1e12) + log_ticks(3e7, 9e8))
