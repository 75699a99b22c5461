"""Shared by the state tests: one hash key for every store they open (so two connections to one
store, as two instances would, hash user ids alike)."""

TEST_HASH_KEY = bytes(range(32))
