"""With w1 frozen, the learning rate's exact limit shown before the run: the trap of the
lecture note's per-layer switch (1e-6 grows to 1e78 with w1 frozen) said in advance.

The limit is 2/λ_max of the w2 block at the drawn weights: SciPy's Lanczos, about 0.25 s at
the tutorial's sizes. It runs in a worker thread, once per size and seed (the learning rate
only changes the words), so that typing in the panel never waits for it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel

from engine.core.config import RunConfig
from gui.language import translate

ABOVE_STYLE, BELOW_STYLE = "color: #b8860b; font-weight: bold;", "color: #444;"


def limit_key(config: RunConfig) -> tuple:
    """What the limit depends on: the sizes and the seed (the draw), not the learning rate."""
    return config.n, config.d_in, config.hidden, config.d_out, config.seed


def compute_limit(config: RunConfig) -> float | None:
    from engine.numerics.hessian import quadratic_limit  # SciPy: only once w1 is frozen

    return quadratic_limit(config)


class LayerLimitLabel(QLabel):
    _computed = Signal(object, object)  # (key, limit), from the worker thread

    def __init__(self):
        super().__init__()
        self.setObjectName("layer_limit_label")
        self.setWordWrap(True)
        self.setToolTip(translate("params", "With w1 frozen the loss is a quadratic in w2 and its "
                                            "curvature never changes: 2/λ_max of the w2 block at "
                                            "the drawn weights is the exact limit of the "
                                            "learning rate"))
        self.hide()
        self.limits: dict[tuple, float | None] = {}  # by limit_key
        self._config: RunConfig | None = None
        self._pending: set[tuple] = set()
        self._worker: ThreadPoolExecutor | None = None
        self._computed.connect(self._on_computed)

    def follow(self, config: RunConfig | None) -> None:
        """The settings as they now are (None while they do not validate)."""
        self._config = config
        if config is None or config.layers.frozen != "w1":
            self.hide()
            return
        key = limit_key(config)
        if key in self.limits:
            self._show(config, self.limits[key])
        elif key not in self._pending:
            self._pending.add(key)
            if self._worker is None:
                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="layer-limit")
            self._worker.submit(self._compute, key, config)

    def wait(self) -> None:
        """Until every limit asked for is known (for tests and scripts)."""
        if self._worker is not None:
            self._worker.submit(lambda: None).result()

    def shutdown(self) -> None:
        """The window closes: limits still asked for are not computed. (A Lanczos limits the
        process's BLAS to one thread while it runs, so none should outlive its window.)"""
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None
            self._pending.clear()

    def _compute(self, key: tuple, config: RunConfig) -> None:
        self._computed.emit(key, compute_limit(config))  # queued to the GUI thread

    def _on_computed(self, key: tuple, limit: float | None) -> None:
        self._pending.discard(key)
        self.limits[key] = limit
        config = self._config
        if config is not None and config.layers.frozen == "w1" and limit_key(config) == key:
            self._show(config, limit)

    def _show(self, config: RunConfig, limit: float | None) -> None:
        from engine.words.explain import quadratic_warning

        text = quadratic_warning(config.learning_rate, limit)
        self.setText(text)
        above = limit is not None and config.learning_rate >= limit
        self.setStyleSheet(ABOVE_STYLE if above else BELOW_STYLE)
        self.setVisible(bool(text))
