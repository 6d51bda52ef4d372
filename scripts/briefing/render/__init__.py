"""Stage 5: the briefing into Markdown pages and published files through Jinja templates."""
