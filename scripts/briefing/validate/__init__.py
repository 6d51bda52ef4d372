"""Stage 2: the checks that span files, and likely duplicates."""
