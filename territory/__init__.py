"""Maillage's territorial engine: communes, travel times, coverage.

Pure Python (numpy/scipy); never imports Django, so it can be used from a
notebook or a script on its own.
"""
