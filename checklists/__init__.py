"""The generic checklist engine (templates, items, conditions, instances).

It knows no domain app. The engine itself arrives with the newcomer-journeys issue;
this app exists now so the layout and import order are fixed from the start.
"""
