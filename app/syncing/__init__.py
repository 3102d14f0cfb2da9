"""The workstation's sync: scheduling the open store's sync while the window is open, and
pushing a locked person's unsynced records in the background under their own sign-in."""
