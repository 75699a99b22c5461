"""nfpbot core: configuration, knowledge, the answer engine, commands, tips and state.

Platform-neutral: nothing here imports a chat platform; adapters render the `Answer` this package returns.
"""
