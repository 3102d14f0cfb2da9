"""PySide6 widgets, models and dialogs. The only package (with main.py) that imports Qt."""
