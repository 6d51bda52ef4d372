"""The content model: the schema, its value types and vocabularies, source texts, and what is derived from the schema."""
