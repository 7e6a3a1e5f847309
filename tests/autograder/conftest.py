"""The corpus and the toy course are data, not tests: never collected (nbval would run
the fork bomb and the infinite loops in the test runner's own kernel)."""

collect_ignore = ["corpus", "toy_course", "make_corpus.py", "toy_specs.py", "reply_memory.py"]
