"""The speed benchmark of issue 6: a deterministic data generator and HTTP load measurements."""
