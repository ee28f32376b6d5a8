"""The window's tabs: Training, Code, and the four lecture tools, with their titles and
tooltips. Each tool takes its settings from the window's panel through tool_config(tool)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QTabWidget, QWidget

from gui.code_view import CodeView
from gui.compute import ComputeProcess
from gui.language import translate
from gui.lr_sweep_tool import LearningRateSweepTool
from gui.profile_tool import ProfileTool
from gui.race_tool import RaceTool
from gui.size_sweep_tool import SizeSweepTool

# The tool tabs: their class, title and tooltip (translated where the tab is made).
TOOL_TABS = (
    (RaceTool, QT_TRANSLATE_NOOP("MainWindow", "Device race"),
     QT_TRANSLATE_NOOP("MainWindow", "The same run on two targets, from the same draw")),
    (SizeSweepTool, QT_TRANSLATE_NOOP("MainWindow", "Size sweep"),
     QT_TRANSLATE_NOOP("MainWindow", "Cost against problem size: where the GPU wins")),
    (LearningRateSweepTool, QT_TRANSLATE_NOOP("MainWindow", "Learning-rate sweep"),
     QT_TRANSLATE_NOOP("MainWindow", "Final loss against learning rate, beside the bound "
                                     "2/λ_max")),
    (ProfileTool, QT_TRANSLATE_NOOP("MainWindow", "Profile"),
     QT_TRANSLATE_NOOP("MainWindow", "One iteration of the tutorial taken apart: where the time "
                                     "goes, line by line")),
)


class WindowTabs(QTabWidget):
    def __init__(self, training: QWidget, compute: ComputeProcess,
                 tool_config: Callable):
        super().__init__()
        self.setObjectName("tabs")
        self.addTab(training, translate("MainWindow", "Training"))
        self.code_view = CodeView()
        self.addTab(self.code_view, translate("MainWindow", "Code"))
        self.setTabToolTip(1, translate("MainWindow", "The loop the chosen code runs, beside "
                                                      "another code's: NumPy's hand-written "
                                                      "backward pass, PyTorch's loss.backward()"))
        self.tools = tuple(cls(compute, tool_config) for cls, _title, _tip in TOOL_TABS)
        self.tools[0].history = training.history  # the race: lanes imported from elsewhere
        for tool, (_cls, title, tip) in zip(self.tools, TOOL_TABS, strict=True):
            self.addTab(tool, translate("MainWindow", title))
            self.setTabToolTip(self.count() - 1, translate("MainWindow", tip))
