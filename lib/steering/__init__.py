"""The stuurgroep's steering loop: the actions it agreed (actiepunten) and its decisions
(besluiten), kept over the store's database with every change in their history.

Depends on lib.store (engine, write transaction, clock, meetings) and lib.plan, never the other
way round; views, reports and the command line build on it.
"""
