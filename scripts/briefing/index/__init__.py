"""Stage 3: what links to what, and which sources name which actors and places."""
