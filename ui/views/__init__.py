"""One view per file: patient list, core record, medication list, prescriptions."""
