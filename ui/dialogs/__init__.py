"""One dialog per file: access basis, renewal request, sync conflict."""
