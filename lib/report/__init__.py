"""The progress report: one model of its content (`model`), writers that lay it out as PDF,
PowerPoint and Excel, and `write` that renders the charts once and calls the writers.

The writers depend on the model, never the other way round.
"""
