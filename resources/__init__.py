"""Icons, translations, style sheets and demo data, located at run time through this package."""
