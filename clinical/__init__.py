"""Pure clinical rules: identifiers, NEWS2, dose schedules, GS1 barcodes, allergy checks. No I/O."""
