"""Flows: the method support as data. Model, loader, graph check, session, outline."""

from fkstod.core.flows.library import FlowLibrary, Unavailable, check_flow_file, load_library
from fkstod.core.flows.model import GLOBAL_JUMPS, Flow, Option, Step

__all__ = [
    "GLOBAL_JUMPS",
    "Flow",
    "FlowLibrary",
    "Option",
    "Step",
    "Unavailable",
    "check_flow_file",
    "load_library",
]
