"""Records: recognised parts → Issue / Document / Clause / Table / ChronicleEntry."""
