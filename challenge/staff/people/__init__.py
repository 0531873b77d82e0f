"""Staff management in the console: who is staff, with which role and languages."""
