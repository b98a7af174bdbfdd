"""imports: catalog files from what other tools keep — `svcmap import bpmn`, BPMN 2.0 XML of any modelling tool.

xmlsafe reads an untrusted XML file; bpmn turns it into plain data; flows folds gateways and events into
svcmap's `next`; mapping drafts processes from a file (who is the citizen, who does each step); units
matches lanes to the catalog's units or makes new ones; writing builds and checks the texts; importer
runs it all and writes new files, never over a file that is there.
"""
