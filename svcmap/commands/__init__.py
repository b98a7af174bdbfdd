"""The commands as plain typed functions: what each one does end to end, without the command line.

The CLI parses options and calls one of these; tests call them directly. Each picks the stages it
needs (load, check, analyse, cache) and hands a result to a reporter.
"""
