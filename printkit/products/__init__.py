"""The things printkit prints: the letter (and its batches), leaflet, poster, sign-up sheet,
labels and envelopes, each a document for the engine, and the registry that lists them."""
