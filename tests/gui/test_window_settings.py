"""The window's remembered settings, without a window (gui/window_settings.py)."""


def test_launch_values_are_not_remembered_while_they_stand(tmp_path):
    from PySide6.QtCore import QSettings

    from gui.window_settings import SavedSettings

    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    store.setValue("config", '{"learning_rate": 2e-06, "n": 32, "bogus": 1}')
    saved = SavedSettings(store)
    values = saved.run_values()
    assert values["learning_rate"] == 2e-06 and values["n"] == 32 and "bogus" not in values
    saved.saved = values
    saved.launch = {"learning_rate": 4e-06}
    assert saved.to_save({**values, "learning_rate": 4e-06})["learning_rate"] == 2e-06
    assert saved.to_save({**values, "learning_rate": 1e-05})["learning_rate"] == 1e-05
    store.setValue("config", "{not json")
    assert SavedSettings(store).run_values()["learning_rate"] == 1e-06  # the Tutorial's
