"""PySide6 widgets, models and dialogs. The only package (with main.py) that imports Qt."""

from ui._refcount_guard import immortalize_singletons

immortalize_singletons()
