"""PySide6 6.12.0 on Python < 3.12 drops a reference to True on every Signal.emit() and
aborts after a few hundred emits (`Fatal Python error: bool_dealloc`). pyproject keeps that
release out; this catches it, or a release like it, in a subprocess."""

import subprocess
import sys

CODE = """
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    ticked = Signal(int)

app = QCoreApplication([])
emitter = Emitter()
received = []
emitter.ticked.connect(lambda value: received.append(value))
for i in range(5000):
    emitter.ticked.emit(i)
assert received == list(range(5000)), len(received)
print("ok")
"""


def test_five_thousand_emits_do_not_abort():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
    assert "bool_dealloc" not in done.stderr
