"""The record services: places and patient lists, the record tabs, opening a record with its
access log, renewal requests and sync conflicts, over one user's open store."""
