"""The organisation-wide unit network: units as nodes, handoffs as weighted edges, analysed with networkx.

The per-process graph walks stay hand-written in `svcmap.analysis.graph` (they run once per process, where
networkx's graphs cost four times as much); this package is the one place that imports networkx, for the
catalog-wide questions it answers well: which units form communities that cut across the declared domains,
and which units most work passes through. Only `analyze --by network`, `render --network` and `report`
import it, so `validate` never pays for loading networkx.
"""
