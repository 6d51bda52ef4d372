"""Stage 1: content files into one in-memory briefing, every problem with its file and line."""
