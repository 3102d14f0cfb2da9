"""Qt item models over presenter rows; lazy, precomputed, and never raising into Qt."""
