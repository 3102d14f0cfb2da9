"""The local journal platform and identity provider together, for the demo and manual testing."""
