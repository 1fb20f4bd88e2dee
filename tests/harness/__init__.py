"""Test harness: cassettes (record, scrub, replay), the dev cloud, and a scriptable local HTTP server."""
