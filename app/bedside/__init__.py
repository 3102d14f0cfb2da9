"""Bedside documentation: the ward's rules, the medication round, and the services that read
what a round needs and save doses, pouches, effects and vital signs."""
