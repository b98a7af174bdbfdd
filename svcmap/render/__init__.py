"""Diagrams: one lane grid per process (layout), drawn by Graphviz, Mermaid and BPMN."""
