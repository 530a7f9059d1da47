"""Citizens' voice: satisfaction surveys (SIPAS) and feedback (phản ánh, kiến nghị) with their
legal deadlines."""
