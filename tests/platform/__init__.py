"""Local FHIR R4 journal platform (Node + Medplum router) for development, demo and tests."""
