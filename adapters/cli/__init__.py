"""The `nfpbot` command line (the composition root): `main` builds the groups, `documents`, `report` and
`state` add their subcommands, `shared` holds what they all use (settings, engine, one-line errors)."""
