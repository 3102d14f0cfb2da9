"""Small reusable widgets: plain-text labels, state panels, header, banner, sync status."""
