"""Settings for Landa: ``base`` holds everything, ``local`` and ``production`` adjust it."""
