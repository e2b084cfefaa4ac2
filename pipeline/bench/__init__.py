"""Benchmarks that span stages (speed of one stage measured against another, same documents,
same run). A stage's own benchmark stays in its package."""
