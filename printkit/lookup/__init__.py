"""Finding each supporter's MP or councillor from their postcode: the services, the one HTTP
client, and filling a spreadsheet's columns. The only part of printkit that uses the network."""
