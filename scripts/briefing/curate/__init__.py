"""Curation tools: turning a raw article into a source, and what a new source offers the briefing."""
