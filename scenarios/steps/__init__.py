"""Step kinds, one small function each, grouped by what they act on."""
