"""The generic checklist engine: layered templates, conditions, dependencies, due dates,
personal instances and progress. It knows no domain app."""
