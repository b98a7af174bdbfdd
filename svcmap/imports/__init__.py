"""imports: catalog files from what other tools keep — `svcmap import bpmn`, BPMN 2.0 XML of any modelling tool.

xmlsafe reads an untrusted XML file; bpmn turns it into plain data, matched by namespace, not by prefix.
"""
