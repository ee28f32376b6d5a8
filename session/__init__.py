"""The window's session, without Qt: the runs it keeps (history), the series a curve is handed
(series), the words about runs (labels) and the presets. The window's views watch these; the
tests read them without PySide6."""
