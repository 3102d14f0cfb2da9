"""The workstation's sync in its own process, its signatures and its messages."""
