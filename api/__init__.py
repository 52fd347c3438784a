"""The HTTP layer: REST routes for the domain questions and a SPARQL 1.1 endpoint over kg/."""
