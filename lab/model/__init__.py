"""Queueing models of the architectures: mean value analysis, calibration from runs, capacity plans."""
