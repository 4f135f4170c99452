"""What Landa keeps of its rendered public content, and how it stays fresh (base layer:
imports Django only). See ``caching.content`` and ``caching.csrf``."""
